"""UI texts live in the built pages, not in the websocket state (issue 18): components/texts.py.

A str key compiles to its three texts picked by the browser's language; a var key is looked up
in the content-hashed script of run-time codes; every code a state module can set is in it.
"""

import re
from pathlib import Path

import pytest
from reflex.vars.base import Var

from familywork_app.components.texts import LANG, T, dynamic_texts, dynamic_texts_script
from familywork_app.i18n import TEXTS
from familywork_app.state.app_state import AppState

APP_DIR = Path(__file__).resolve().parents[1] / "familywork_app"
STATE_DIR = APP_DIR / "state"
# A refusal a service raises with a code reaches a state's error var (`problem.code`).
RAISED = re.compile(r'(?:Error|Refused|NotAllowed)\w*\(\s*"([a-z_]+\.[a-z_.]+)"')
# Sign-in refusals of the identity providers are shown on the server's own HTML pages.
SHOWN_BY_THE_SERVER = ("identity.error.",)
# Keys a state module names that the server translates itself (t(...), a toast, a presenter's
# table), so the browser never looks them up by code.
SERVER_SIDE = re.compile(
    r"^(toast\.|app\.step_|closing\.days$|process\.(in_time|late)$|staff_identity\.button)"
)


def test_a_literal_key_compiles_to_all_three_languages_picked_by_the_browser():
    text = str(T["common.signout"])
    for lang in ("fi", "sv", "en"):
        assert TEXTS[lang]["common.signout"] in text
    assert "[fw_lang]" in text
    hooks = "".join(T["common.signout"]._get_all_var_data().hooks)  # type: ignore[union-attr]
    assert "useSyncExternalStore" in hooks


def test_a_missing_key_fails_when_the_page_is_compiled():
    with pytest.raises(KeyError):
        T["common.no_such_text"]


def test_a_var_key_is_looked_up_in_the_browser_and_keeps_its_state_dependency():
    looked_up = T[AppState.user_role]
    assert "globalThis.fwTexts" in str(looked_up)
    data = looked_up._get_all_var_data()
    assert data is not None and data.state  # re-renders when the key var changes


def test_the_language_code_is_the_only_language_data_in_the_state():
    assert "t" not in AppState.computed_vars
    assert isinstance(LANG, Var)
    assert AppState.get_fields()["lang"].default == "fi"


def test_the_dynamic_texts_script_is_content_hashed_and_replaces_stale_copies(tmp_path: Path):
    (tmp_path / "texts").mkdir()
    stale = tmp_path / "texts" / "dynamic.000000000000.js"
    stale.write_text("old")
    address = dynamic_texts_script(tmp_path)
    assert re.fullmatch(r"/texts/dynamic\.[0-9a-f]{12}\.js", address)
    assert not stale.exists()
    body = (tmp_path / address.lstrip("/")).read_text(encoding="utf-8")
    assert body.startswith("globalThis.fwTexts = ")
    assert dynamic_texts_script(tmp_path) == address  # same texts, same address


def test_every_code_a_state_module_can_set_is_in_the_dynamic_texts():
    dynamic = dynamic_texts()["fi"]
    keys = set(TEXTS["fi"])
    missing = set()
    for path in STATE_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r'"([a-z_]+\.[a-z_.]+)"', source):
            key, before = match.group(1), source[max(0, match.start() - 40) : match.start()]
            translated_here = re.search(r"(\bt\(\s*[\w.]+,\s*|_toast\(\s*)$", before)
            shown_by_code = key in keys and not translated_here and not SERVER_SIDE.match(key)
            if shown_by_code and key not in dynamic:
                missing.add(f"{path.name}: {key}")
    assert not missing, sorted(missing)


def test_the_dynamic_texts_exist_in_every_language():
    texts = dynamic_texts()
    assert set(texts["fi"]) == set(texts["sv"]) == set(texts["en"])
    assert "error.invalid" in texts["fi"]


def test_a_prefixed_var_key_carries_the_texts_under_its_prefix_inline():
    from familywork_app.state.family_home import FamilyHomeState

    looked_up = str(T["status.application." + FamilyHomeState.application_status])
    for lang in ("fi", "sv", "en"):
        assert TEXTS[lang]["status.application.submitted"] in looked_up
    assert "globalThis.fwTexts" not in looked_up
    assert TEXTS["fi"]["status.family.active"] not in looked_up  # only its own prefix


def test_every_code_a_service_raises_is_in_the_dynamic_texts():
    dynamic = dynamic_texts()["fi"]
    raised = {
        match.group(1)
        for path in APP_DIR.rglob("*.py")
        for match in RAISED.finditer(path.read_text(encoding="utf-8"))
    }
    assert "error.invalid" in raised  # the scan finds the codes
    missing = {
        code
        for code in raised
        if code in TEXTS["fi"] and code not in dynamic and not code.startswith(SHOWN_BY_THE_SERVER)
    }
    assert not missing, sorted(missing)
