"""The family's data export as a plain, printable HTML page (every value escaped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING, cast

from familywork_app.i18n import t
from familywork_app.services.export_rows import FamilyExport

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def _rows(items: Sequence[DataclassInstance], skip: str = "") -> str:
    """A table of `items`: one column per field (but `skip`), in the fields' order."""
    if not items:
        return "<p>–</p>"
    keys = [f.name for f in fields(items[0]) if f.name != skip]
    head = "".join(f"<th scope='col'>{escape(k)}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_flat(getattr(item, k)))}</td>" for k in keys) + "</tr>"
        for item in items
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _flat(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_flat(v) for v in cast("Sequence[object]", value))
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return "; ".join(f"{k}: {_flat(v)}" for k, v in mapping.items())
    return str(value)


def render_export(data: FamilyExport, lang: str) -> str:
    """A whole HTML document of the export, in the guardian's language."""
    sections: list[tuple[str, Sequence[DataclassInstance]]] = [
        ("data.title", [data.family]),
        ("apply.name", data.guardians),
        ("apply.children", data.children),
        ("home.application", data.applications),
        ("meetings.title", data.meetings),
        ("messages.title", data.messages),
        ("work.title", data.methods),
        ("data.log", data.access_log),
    ]
    parts = [f"<h2>{escape(t(lang, key))}</h2>{_rows(items)}" for key, items in sections]
    goals = "".join(
        f"<h3>{escape(g.title)}</h3>{_rows([g], skip='entries')}{_rows(g.entries)}"
        for g in data.goals
    )
    parts.insert(5, f"<h2>{escape(t(lang, 'goals.title'))}</h2>{goals or '<p>–</p>'}")
    plans = "".join(
        f"<h3>{p.version}</h3>{_rows([p], skip='acknowledgements')}{_rows(p.acknowledgements)}"
        for p in data.plans
    )
    parts.insert(6, f"<h2>{escape(t(lang, 'plan.title'))}</h2>{plans or '<p>–</p>'}")
    return (
        f"<!doctype html><html lang='{escape(lang)}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(t(lang, 'data.title'))}</title><style>body{{font-family:sans-serif;"
        f"margin:1rem}}table{{border-collapse:collapse;margin-bottom:1rem}}"
        f"td,th{{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}}"
        f"</style></head><body>"
        f"<h1>{escape(t(lang, 'app.name'))}: {escape(data.family.name)}</h1>{''.join(parts)}"
        f"</body></html>"
    )
