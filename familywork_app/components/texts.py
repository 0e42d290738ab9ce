"""UI texts in the built frontend, not in the websocket state (issue 18).

`T["key"]` compiles to the key's three texts side by side in the page's JavaScript, picked by
the browser's current language: the prerendered HTML shows the Finnish text (the first paint is
the content), a language switch swaps every text at once without asking the server, and the
state carries only the language code. A text whose key is known only in the browser (an error
code a handler set, `T[var]`) is looked up in one small content-hashed script of the texts such
codes can name (`dynamic_texts_script`), loaded with the page's other scripts and kept by the
service worker.

The browser's language lives in a tiny store in `assets/lang_store.js` (`fwLang*`): first the
language cookie, then what the server decided (the account's language) once the page is
loaded, then the person's own switch. Pages read it through React's `useSyncExternalStore`,
whose server snapshot is Finnish, so prerendering and hydration agree.
"""

import hashlib
import json
import re
from pathlib import Path

import reflex as rx
from reflex.vars import StringVar
from reflex.vars.base import Var, VarData

from familywork_app.domain import DEFAULT_LANGUAGE, LANGUAGE_CODES
from familywork_app.i18n import TEXTS
from familywork_app.state.app_state import AppState

# Keys whose text may be chosen in the browser at run time (codes that services and form checks
# set into state vars); tests/test_ui_texts.py checks every such code in the source is here.
DYNAMIC_PREFIXES = ("error.", "together.", "feedback.", "notify.", "files.", "identity.check.")
DYNAMIC_KEYS = frozenset(
    {
        "identity.not_identified",
        "signin.code_failed",
        "signin.enrol_failed",
        *(
            f"settings.{name}"
            for name in (
                "email_off",
                "email_on",
                "feed_copied",
                "feed_created",
                "feed_revoked",
                "push_denied",
                "push_disabled",
                "push_disabled_all",
                "push_enabled",
                "push_failed",
                "push_unsupported",
                "test_sent",
            )
        ),
    }
)
TEXTS_DIR = "texts"  # under assets/: generated at start, not kept in version control
_LANG_HOOK = (
    "const fw_lang = useSyncExternalStore("
    "globalThis.fwLangSubscribe ?? fwNoSubscribe, "
    "() => globalThis.fwLangGet?.() ?? " + json.dumps(DEFAULT_LANGUAGE) + ", "
    "() => " + json.dumps(DEFAULT_LANGUAGE) + ");"
)
_NO_SUBSCRIBE = "const fwNoSubscribe = () => () => {};"
_LANG_DATA = VarData(
    imports={"react": ["useSyncExternalStore"]},
    hooks={_NO_SUBSCRIBE: None, _LANG_HOOK: None},
)

# The browser's current language code ("fi", "sv" or "en").
LANG: StringVar = Var(_js_expr="fw_lang", _var_type=str, _var_data=_LANG_DATA).to(str)


def _literal(key: str) -> StringVar:
    choices = {lang: TEXTS[lang][key] for lang in LANGUAGE_CODES}
    fallback = json.dumps(choices[DEFAULT_LANGUAGE], ensure_ascii=False)
    expr = f"({json.dumps(choices, ensure_ascii=False)}[fw_lang] ?? {fallback})"
    return Var(_js_expr=expr, _var_type=str, _var_data=_LANG_DATA).to(str)


def _looked_up(key: Var) -> StringVar:
    """A key known only in the browser. `"status." + var` carries its own prefix: the texts
    under that prefix go inline; a bare code is looked up in the dynamic texts script."""
    data = VarData.merge(_LANG_DATA, key._get_all_var_data())
    prefix = _PREFIXED.match(str(key))
    if prefix:
        choices = {
            lang: {k: v for k, v in TEXTS[lang].items() if k.startswith(prefix.group(1))}
            for lang in LANGUAGE_CODES
        }
        table = json.dumps(choices, ensure_ascii=False, separators=(",", ":"))
        expr = f'({table}[fw_lang]?.[{key}] ?? "")'
    else:
        expr = f'(globalThis.fwTexts?.[fw_lang]?.[{key}] ?? "")'
    return Var(_js_expr=expr, _var_type=str, _var_data=data).to(str)


_PREFIXED = re.compile(r'^\("([a-z_.]+\.)"\+')


class Texts:
    """`T[key]`: a UI text in the browser's language; a str key is checked when the page is
    compiled (a missing key fails the build), a var key is looked up in the browser."""

    def __getitem__(self, key: str | Var) -> StringVar:
        if isinstance(key, Var):
            return _looked_up(key)
        if key not in TEXTS[DEFAULT_LANGUAGE]:
            raise KeyError(f"no UI text {key!r}")
        return _literal(key)


T = Texts()


def dynamic_texts() -> dict[str, dict[str, str]]:
    """The texts a run-time code may name, per language."""
    return {
        lang: {
            k: v
            for k, v in TEXTS[lang].items()
            if k.startswith(DYNAMIC_PREFIXES) or k in DYNAMIC_KEYS
        }
        for lang in LANGUAGE_CODES
    }


def dynamic_texts_script(assets: Path) -> str:
    """Write the dynamic texts as `assets/texts/dynamic.<hash>.js` (stale copies removed) and
    return its address; the hash changes with the texts, so it can be cached for good."""
    body = "globalThis.fwTexts = " + json.dumps(
        dynamic_texts(), ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )
    digest = hashlib.sha256(body.encode()).hexdigest()[:12]
    folder = assets / TEXTS_DIR
    folder.mkdir(exist_ok=True)
    name = f"dynamic.{digest}.js"
    for old in folder.glob("dynamic.*.js"):
        if old.name != name:
            old.unlink()
    target = folder / name
    if not target.exists() or target.read_text(encoding="utf-8") != body + "\n":
        target.write_text(body + "\n", encoding="utf-8")
    return f"/{TEXTS_DIR}/{name}"


def _sync_effect() -> Var:
    lang, ready = AppState.lang, AppState.ready
    return Var(
        _js_expr=(
            f"useEffect(() => {{ if ({ready}) globalThis.fwLangSet?.({lang}); }}"
            f", [{lang}, {ready}])"
        ),
        _var_data=VarData.merge(
            VarData(imports={"react": ["useEffect"]}),
            lang._get_all_var_data(),
            ready._get_all_var_data(),
        ),
    )


class _LanguageSync(rx.Fragment):
    """Renders nothing; hands the server's decision (the account's language) to the browser's
    language store once the page's data has loaded (offline, the cookie's language stays)."""

    def add_hooks(self) -> list[str | Var]:
        return [_sync_effect()]


def language_sync() -> rx.Component:
    """Put once in every page shell."""
    return _LanguageSync.create()
