"""Service data turned into display strings in the user's language (shared by family and staff
pages). Pure functions: no database, no state."""

from familywork_app.i18n import fmt_date, fmt_datetime, fmt_time, t
from familywork_app.models import utcnow


def present_goals(goals: list[dict], lang: str) -> tuple[list, dict, dict]:
    """(goal rows, entries by goal id, chart points by goal id) for the goals pages."""
    rows, entries, points = [], {}, {}
    for goal in goals:
        key = str(goal["id"])
        rows.append(
            {
                "id": key,
                "title": goal["title"],
                "area": t(lang, f"area.{goal['support_area']}"),
                "what": goal["what_we_do"],
                "status": goal["status"],
                "status_label": t(lang, f"goals.status.{goal['status']}"),
                "target": t(lang, "goals.target", date=fmt_date(goal["target_date"], lang))
                if goal["target_date"]
                else "",
            }
        )
        entries[key] = [
            {
                "who": e["author_name"],
                "when": fmt_date(e["created_at"], lang),
                "text": e["text"],
                "rating": t(lang, "goals.rating_value", rating=e["rating"])
                if e["rating"] is not None
                else "",
            }
            for e in goal["entries"]
        ]
        points[key] = [
            {
                "date": fmt_date(p["at"], lang),
                "rating": str(p["rating"]),
                "height": f"{max(p['rating'], 0.2) * 10}%",
            }
            for p in goal["ratings"]
        ]
    return rows, entries, points


def present_meeting(m: dict, lang: str) -> dict[str, str]:
    """One meeting as display strings; answer flags are for the viewer's side."""
    place = t(lang, f"place.{m['place']}")
    return {
        "id": str(m["id"]),
        "status": m["status"],
        "status_label": t(lang, f"status.meeting.{m['status']}"),
        "when": f"{fmt_datetime(m['starts_at'], lang)}–{fmt_time(m['ends_at'], lang)}",
        "place": f"{place}, {m['place_detail']}" if m["place_detail"] else place,
        "topic": m["topic"],
        "worker": m["worker_name"],
        "can_answer": "1" if m["status"] == "proposed" and m["proposed_by_other_side"] else "",
        "can_change": "1"
        if m["status"] == "agreed" or (m["status"] == "proposed" and m["proposed_by_other_side"])
        else "",
        "can_cancel": "1" if m["status"] in ("proposed", "agreed", "change_requested") else "",
        "change_note": m["change_note"],
        "cancel_reason": m["cancel_reason"],
        "summary": m["summary"],
        "internal_note": m.get("internal_note", ""),
        "started": "1" if m["starts_at"] <= utcnow() else "",
        "methods": ", ".join(t(lang, f"method.{x}") for x in m["methods"]),
    }


def present_message(m: dict, lang: str) -> dict[str, str]:
    """One message with the read receipt shown to its sender."""
    receipt = ""
    if m["mine"]:
        receipt = (
            f"{t(lang, 'messages.read')} {fmt_datetime(m['read_at'], lang)}"
            if m["read_at"]
            else t(lang, "messages.delivered")
        )
    return {
        "id": str(m["id"]),
        "who": t(lang, "messages.you") if m["mine"] else m["sender_name"],
        "mine": "1" if m["mine"] else "",
        "body": m["body"],
        "when": fmt_datetime(m["sent_at"], lang),
        "receipt": receipt,
    }


def present_queue(rows: list[dict], lang: str) -> list[dict[str, str]]:
    """Applications waiting for a decision, as shown in the queue."""
    return [
        {
            "id": str(q["application_id"]),
            "name": q["name"],
            "municipality": q["municipality"],
            "status": t(lang, f"status.application.{q['status']}"),
            "status_key": q["status"],
            "channel": t(lang, f"channel.{q['channel']}"),
            "areas": ", ".join(t(lang, f"area.{a}") for a in q["areas"]),
            "waiting": t(lang, "overview.waiting_days", days=q["days_waiting"]),
        }
        for q in rows
    ]
