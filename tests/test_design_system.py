"""The design system's assets (issue 14): Suomi.fi tokens in the stylesheet, the font served by
the app without blocking a paint, the icons the pages use, and the toast after a save."""

import json
import re
from pathlib import Path

import pytest

from familywork_app.components.icon_shapes import ICON_SHAPES
from familywork_app.components.icons import icon
from familywork_app.components.shell import NAV_ICONS
from familywork_app.i18n import TEXTS
from familywork_app.state.worker_family_actions import WorkerFamilyActions
from tests.factories import make_family
from tests.goal_message_helpers import StateDouble
from tests.test_goal_message_pages import _message_box

ROOT = Path(__file__).resolve().parents[1]
STYLES = (ROOT / "assets" / "styles.css").read_text()
FONT = ROOT / "assets" / "fonts" / "source-sans-3-latin-wght-normal.woff2"


def test_the_stylesheet_starts_with_the_suomifi_tokens_and_maps_the_app_colours_onto_them():
    assert STYLES.startswith("/* BEGIN suomifi-design-tokens 7.0.0")
    assert "--fi-color-brand-base: hsl(214, 100%, 24%);" in STYLES
    assert "--fi-spacing-m: 20px;" in STYLES
    root = STYLES[STYLES.index("/* END suomifi-design-tokens */") :]
    for name in ("--ink", "--brand", "--brand-dark", "--bg", "--error", "--focus", "--space-m"):
        assert re.search(rf"{name}: var\(--fi-", root), name


def test_the_font_is_the_apps_own_latin_subset_and_no_paint_waits_for_it():
    face = STYLES[STYLES.index("@font-face") : STYLES.index("}", STYLES.index("@font-face"))]
    assert "font-display: swap" in face
    assert "url(/fonts/source-sans-3-latin-wght-normal.woff2)" in face
    assert "http" not in face  # no third-party request
    assert FONT.read_bytes()[:4] == b"wOF2"
    assert FONT.stat().st_size < 32 * 1024  # one file for every weight, Latin only
    assert (FONT.parent / "OFL.txt").exists()


def test_every_navigation_link_has_an_icon_and_icons_are_hidden_decoration():
    assert set(NAV_ICONS.values()) <= set(ICON_SHAPES)
    rendered = str(icon("house"))
    assert '"aria-hidden":"true"' in rendered
    assert 'focusable:"false"' in rendered
    assert "css:" not in rendered  # drawn by the stylesheet, no style computed in the browser


def test_every_toast_and_empty_state_text_exists_in_three_languages():
    keys = {k for k in TEXTS["fi"] if k.startswith(("toast.", "empty."))}
    assert len(keys) >= 15
    for lang in ("sv", "en"):
        assert keys <= set(TEXTS[lang]), lang
        assert all(TEXTS[lang][k] != TEXTS["fi"][k] for k in keys), lang


def _toasts(events) -> list[str]:
    """The texts of the fwToast calls (assets/app.js) among a handler's returned events."""
    found = []
    for event in events if isinstance(events, list) else [events]:
        for _, value in getattr(event, "args", ()):
            script = getattr(value, "_var_value", None)
            if isinstance(script, str) and script.startswith("fwToast("):
                found.append(json.loads(script[len("fwToast(") : -1]))
    return found


@pytest.mark.usefixtures("handler_db")
def test_a_sent_message_is_announced_in_the_live_region_and_a_refused_one_is_not(db, monkeypatch):
    state, _ = _message_box(db, monkeypatch)
    sent = state.call("send", {"body": "Hei, nähdään torstaina."})
    assert _toasts(sent) == ["Viesti lähetetty."]
    state.lang = "sv"
    sent = state.call("send", {"body": "Hej!"})
    assert _toasts(sent) == ["Meddelandet har skickats."]
    assert state.call("send", {"body": "  "}) is None  # refused: the error beside the box


@pytest.mark.usefixtures("handler_db")
def test_a_workers_saves_each_say_what_happened(db):
    world = make_family(db)
    state = StateDouble(
        WorkerFamilyActions,
        world.worker,
        errors={},
        open_form="",
        saved="",
        overlap_warning="",
        draft_length=0,
        _form_key="",
        _fid=world.id,
    )
    state._reload = lambda acting: None  # the record's reload is tested with its page
    sent = state.call("send", {"body": "Tervetuloa perhetyöhön!"})
    assert _toasts(sent) == ["Viesti lähetetty."]
    goal = state.call(
        "create_goal",
        {"title": "Rauhalliset aamut", "support_area": "parenting", "what_we_do": "Kuvat"},
    )
    assert _toasts(goal) == ["Tavoite lisätty. Perhe näkee sen."], state.errors
