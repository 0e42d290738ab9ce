"""A made version of the client plan as a plain, printable HTML document (every value escaped),
in the reader's language: one heading with the family's name, the version and its dates, each
part of the plan, its goals and who acknowledged it."""

from html import escape

from familywork_app.i18n import fmt_date, t
from familywork_app.services.client_plan_rows import PlanVersion
from familywork_app.services.plan_document import PlanDocument

STYLE = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:42rem;"
    "margin:1.5rem auto;padding:0 1rem}h1{font-size:1.6rem;margin:0 0 .25rem}"
    "h2{font-size:1.15rem;margin:1.5rem 0 .25rem;border-bottom:1px solid #999}"
    ".meta{color:#333;margin:0}.text{white-space:pre-wrap;margin:.25rem 0}"
    "ul{padding-left:1.25rem}@media print{body{margin:0;max-width:none}"
    "h2{break-after:avoid}}"
)


def _part(lang: str, key: str, text: str) -> str:
    """One part of the plan: its heading and its text (a dash when nothing is written)."""
    body = escape(text) if text else "–"
    return f"<h2>{escape(t(lang, key))}</h2><p class='text'>{body}</p>"


def _goals(lang: str, plan: PlanVersion) -> str:
    items = "".join(
        f"<li>{escape(g.title)} ({escape(t(lang, f'area.{g.support_area}'))}, "
        f"{escape(t(lang, f'goals.status.{g.status}'))})</li>"
        for g in plan.goals
    )
    return f"<h2>{escape(t(lang, 'plan.goals'))}</h2>" + (f"<ul>{items}</ul>" if items else "–")


def _acknowledgements(lang: str, plan: PlanVersion) -> str:
    items = "".join(
        f"<li>{escape(a.guardian_name)}, {escape(fmt_date(a.at, lang))}"
        + (f": {escape(a.comment)}" if a.comment else "")
        + "</li>"
        for a in plan.acknowledgements
    )
    heading = f"<h2>{escape(t(lang, 'plan.acknowledged_by'))}</h2>"
    return heading + (f"<ul>{items}</ul>" if items else f"<p>{escape(t(lang, 'plan.no_acks'))}</p>")


def render_plan(doc: PlanDocument, lang: str) -> str:
    """The whole HTML document."""
    plan = doc.plan
    title = f"{t(lang, 'plan.title')}: {doc.family_name}"
    made = t(lang, "plan.made_by", date=fmt_date(plan.made_at, lang), name=plan.created_by)
    review = t(lang, "plan.review_on", date=fmt_date(plan.next_review, lang) or "–")
    parts = [
        _part(lang, "plan.family_view", plan.family_view),
        _part(lang, "plan.family_strengths", plan.family_strengths),
        _part(lang, "plan.worker_view", plan.worker_view),
        _goals(lang, plan),
        _part(lang, "plan.who_does_what", plan.who_does_what),
        _part(lang, "plan.meeting_rhythm", plan.meeting_rhythm),
        _part(lang, "plan.differences", plan.differences),
        _acknowledgements(lang, plan),
    ]
    return (
        f"<!doctype html><html lang='{escape(lang)}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{escape(title)}</h1>"
        f"<p class='meta'>{escape(t(lang, 'plan.version', version=str(plan.version)))}</p>"
        f"<p class='meta'>{escape(made)}</p><p class='meta'>{escape(review)}</p>"
        f"{''.join(parts)}"
        f"<p class='meta'>{escape(t(lang, 'app.name'))}</p></main></body></html>"
    )
