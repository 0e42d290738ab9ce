"""The test provider's own pages: the identity choice, an error page, the signed-out page.

Plain, accessible HTML (a real provider's pages are its own, outside the app's translations):
the heading says in English, Finnish and Swedish that this is test identification, not for real
use; every choice is a button of at least 48 px; the colours pass WCAG AA.
"""

from collections.abc import Sequence
from html import escape

from familywork_app.oidc_profile import Provider

TITLE = "Test identification - not for real use"
TITLE_FI = "Testitunnistus – ei oikeaan käyttöön"
TITLE_SV = "Testidentifiering – inte för verklig användning"
PROVIDER_NAMES = {
    Provider.SUOMIFI: "Suomi.fi e-Identification (test)",
    Provider.COUNTY: "County identity provider (test)",
}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; background: #fff8e1; color: #1a1a1a; }
main { max-width: 32rem; margin: 0 auto; padding: 1rem; }
.warning { border: 3px solid #8a4b00; background: #fff; padding: 0.75rem 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
p { line-height: 1.5; }
ul { list-style: none; padding: 0; }
li { margin: 0.5rem 0; }
button { width: 100%; min-height: 48px; font-size: 1rem; border-radius: 6px; cursor: pointer;
  border: 2px solid #1f5f8b; background: #1f5f8b; color: #fff; padding: 0.5rem 1rem; }
button.secondary { background: #fff; color: #1f5f8b; }
button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
"""


def _page(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(TITLE)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def _banner(provider: Provider) -> str:
    return (
        '<div class="warning" role="note">'
        f"<h1>{escape(TITLE)}</h1>"
        f'<p lang="fi">{escape(TITLE_FI)}</p><p lang="sv">{escape(TITLE_SV)}</p>'
        f"<p>{escape(PROVIDER_NAMES[provider])}. Anyone can sign in here as anyone: "
        "every identity below is fictional.</p></div>"
    )


def choice_page(
    provider: Provider,
    action: str,
    params: Sequence[tuple[str, str]],
    choices: Sequence[tuple[int, str]],
) -> str:
    """The authorization page: one button per test identity, and a cancel button. The original
    request's parameters go back in hidden fields."""
    hidden = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
        for k, v in params
        if k not in ("identity", "cancel")
    )
    buttons = "".join(
        f'<li><button type="submit" name="identity" value="{index}">{escape(label)}</button></li>'
        for index, label in choices
    )
    return _page(
        _banner(provider)
        + f'<form method="post" action="{escape(action)}">{hidden}'
        + '<h2 id="choose">Choose a test identity</h2>'
        + f'<ul aria-labelledby="choose">{buttons}</ul>'
        + '<button type="submit" name="cancel" value="1" class="secondary">Cancel</button>'
        + "</form>"
    )


def error_page(provider: Provider, error: str, description: str) -> str:
    """A refused request that may not go back to the client (unknown client, unregistered
    redirect URI, bad logout request)."""
    return _page(
        _banner(provider)
        + "<h2>The request was refused</h2>"
        + f"<p>{escape(description or error)}</p>"
        + f"<p>Error code: <code>{escape(error)}</code></p>"
    )


def signed_out_page(provider: Provider) -> str:
    return _page(_banner(provider) + "<h2>Signed out of the test provider</h2>")
