"""The family's data export as a plain, printable HTML page (every value escaped)."""

from html import escape

from familywork_app.i18n import t


def _rows(items: list[dict]) -> str:
    if not items:
        return "<p>–</p>"
    keys = list(items[0])
    head = "".join(f"<th scope='col'>{escape(k)}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_flat(item.get(k)))}</td>" for k in keys) + "</tr>"
        for item in items
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    return str(value)


def render_export(data: dict, lang: str) -> str:
    """A whole HTML document of the export, in the guardian's language."""
    sections = [
        ("data.title", [data["family"]]),
        ("apply.name", data["guardians"]),
        ("apply.children", data["children"]),
        ("home.application", data["applications"]),
        ("meetings.title", data["meetings"]),
        ("messages.title", data["messages"]),
        ("work.title", data["methods"]),
        ("data.log", data["access_log"]),
    ]
    parts = [f"<h2>{escape(t(lang, key))}</h2>{_rows(items)}" for key, items in sections]
    goals = "".join(
        f"<h3>{escape(g['title'])}</h3>{_rows([{k: v for k, v in g.items() if k != 'entries'}])}"
        f"{_rows(g['entries'])}"
        for g in data["goals"]
    )
    parts.insert(5, f"<h2>{escape(t(lang, 'goals.title'))}</h2>{goals or '<p>–</p>'}")
    return (
        f"<!doctype html><html lang='{escape(lang)}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(t(lang, 'data.title'))}</title><style>body{{font-family:sans-serif;"
        f"margin:1rem}}table{{border-collapse:collapse;margin-bottom:1rem}}td,th{{border:1px solid #999;"
        f"padding:.25rem .5rem;text-align:left;vertical-align:top}}</style></head><body>"
        f"<h1>{escape(t(lang, 'app.name'))}: {escape(data['family']['name'])}</h1>{''.join(parts)}"
        f"</body></html>"
    )
