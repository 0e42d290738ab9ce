"""Small server-rendered pages of the strong sign-in (issue 15): a refusal or an unavailable
provider, and the one-time linking of a Suomi.fi identification to an existing account.

Plain HTML from the HTTP routes (familywork_app.oidc_routes), outside the Reflex app: they
appear between the provider and the app, carry no state, and work without JavaScript. Texts come
from i18n (identity.*); every value is escaped.
"""

from html import escape

from familywork_app import routes
from familywork_app.i18n import t
from familywork_app.oidc_profile import START_PATH, Provider

LINK_PATH = "/auth/oidc/suomifi/link"

_STYLE = """
body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#1a1a1a}
main{max-width:32rem;margin:0 auto}
a,button{display:inline-block;min-height:44px;padding:.6rem 1rem;margin:.3rem 0;font-size:1rem}
a{color:#0b4ea2}
button{background:#0b4ea2;color:#fff;border:0;border-radius:4px;cursor:pointer}
label{display:block;font-weight:600;margin-top:1rem}
input{display:block;width:100%;box-sizing:border-box;min-height:44px;font-size:1rem;
padding:.4rem;border:1px solid #555;border-radius:4px}
.error{color:#a30000;font-weight:600}
"""


def _page(lang: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – Perhetyö</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def _link(href: str, text: str) -> str:
    return f'<p><a href="{escape(href)}">{escape(text)}</a></p>'


def refusal_page(lang: str, code: str, provider: Provider, passwords: bool) -> str:
    """Why the sign-in did not happen, with a way forward (again, or the password)."""
    body = f'<p class="error" role="alert">{escape(t(lang, code))}</p>'
    body += _link(START_PATH.format(provider=provider.value), t(lang, "identity.try_again"))
    if passwords:
        body += _link(routes.SIGN_IN, t(lang, "identity.password_instead"))
    return _page(lang, t(lang, "identity.error.title"), body)


def message_page(lang: str, message: str) -> str:
    """A refusal whose message is already translated (the staff sign-in's)."""
    body = f'<p class="error" role="alert">{escape(message)}</p>'
    body += _link(routes.SIGN_IN, t(lang, "identity.password_instead"))
    return _page(lang, t(lang, "identity.error.title"), body)


def link_page(lang: str, name: str, email: str = "", error: str = "") -> str:
    """The form that links a first Suomi.fi sign-in to an existing guardian account."""
    problem = f'<p class="error" role="alert" id="link-error">{escape(error)}</p>' if error else ""
    described = ' aria-describedby="link-error"' if error else ""
    body = (
        f"<p>{escape(t(lang, 'identity.link.lead', name=name))}</p>{problem}"
        f'<form method="post" action="{LINK_PATH}">'
        f'<label for="email">{escape(t(lang, "signin.email"))}</label>'
        f'<input id="email" name="email" type="email" autocomplete="username" required'
        f' value="{escape(email)}"{described}>'
        f'<label for="password">{escape(t(lang, "signin.password"))}</label>'
        f'<input id="password" name="password" type="password" autocomplete="current-password"'
        f" required{described}>"
        f'<p><button type="submit">{escape(t(lang, "identity.link.submit"))}</button></p>'
        "</form>"
        f"<p>{escape(t(lang, 'identity.link.no_account'))}</p>"
        + _link(routes.APPLY, t(lang, "apply.title"))
    )
    return _page(lang, t(lang, "identity.link.title"), body)
