"""The results of the methods done together as display strings (shared by the family's "Our
work" page and the worker's record). Pure functions: no database, no state.

Every picture (evaluation bars, the network map) comes with the same figures as table rows.
"""

import math

from familywork_app.i18n import fmt_date, t
from familywork_app.services import method_content as mc

EMPTY_RESULTS: dict = {
    "eval_points": {area: [] for area in mc.EVALUATION_AREAS},
    "eval_count": 0,
    "card_sets": [],
    "role_rows": [],
    "role_dates": {},
    "net_nodes": [],
    "net_rows": [],
    "net_changes": {},
    "checkins": [],
}


def _evaluation(data: dict, lang: str) -> dict[str, list[dict[str, str]]]:
    """Per area, one bar per answer over time: the family's and the worker's side by side."""
    points = {area: [] for area in mc.EVALUATION_AREAS}
    for e in data["evaluations"]:
        side = "worker" if e["respondent"] == "worker" else "family"
        for area in mc.EVALUATION_AREAS:
            score = e["scores"].get(area)
            points[area].append(
                {
                    "date": fmt_date(e["at"], lang),
                    "phase": t(lang, f"phase.{e['phase']}"),
                    "who": e["who"],
                    "side": side,
                    "side_label": t(lang, f"eval.{side}"),
                    "score": str(score),
                    "height": f"{score * 20}%",
                }
            )
    return points


def _card_sets(data: dict, lang: str) -> list[dict[str, str]]:
    return [
        {
            "date": fmt_date(c["at"], lang),
            "who": c["who"],
            "note": c["note"],
            "cards": " · ".join(t(lang, f"card.{card}") for card in c["cards"]),
        }
        for c in data["cards"]
    ]


def _who(rolemap: dict, task: str, lang: str) -> str:
    names = [rolemap["members"].get(m) or t(lang, "role.other") for m in rolemap["tasks"][task]]
    return ", ".join(names)


def _rolemap(data: dict, lang: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The newest map, task by task, beside the one before it."""
    if not data["rolemaps"]:
        return [], {}
    latest = data["rolemaps"][0]
    earlier = data["rolemaps"][1] if len(data["rolemaps"]) > 1 else None
    rows = [
        {
            "task": t(lang, f"role.task.{task}"),
            "who": _who(latest, task, lang),
            "earlier": _who(earlier, task, lang) if earlier else "",
            "change": (
                t(lang, "role.changed") if task in latest["changes"] else t(lang, "role.same")
            )
            if earlier
            else "",
        }
        for task in mc.ROLE_TASKS
    ]
    dates = {
        "latest": fmt_date(latest["at"], lang),
        "earlier": t(lang, "role.earlier", date=fmt_date(earlier["at"], lang)) if earlier else "",
    }
    return rows, dates


EFFECT_SIGN = {"helps": "+", "strains": "−", "both": "±"}
RADII = {1: 62, 2: 102, 3: 140}


def network_nodes(people: list[dict]) -> list[dict[str, str]]:
    """Positions on a 320×320 picture: the family in the middle, rings by closeness, evenly
    spread around; each node says its effect with a sign as well as a colour."""
    nodes = []
    for index, person in enumerate(people):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(people), 1)
        radius = RADII[person["closeness"]]
        x, y = 160 + radius * math.cos(angle), 160 + radius * math.sin(angle)
        nodes.append(
            {
                "x": f"{x:.0f}",
                "y": f"{y:.0f}",
                "label_y": f"{y + 26:.0f}",
                "sign_y": f"{y + 6:.0f}",
                "name": person["name"][:14],
                "effect": person["effect"],
                "sign": EFFECT_SIGN[person["effect"]],
            }
        )
    return nodes


def network_rows(people: list[dict], lang: str) -> list[dict[str, str]]:
    return [
        {
            "name": p["name"],
            "category": t(lang, f"net.cat.{p['category']}"),
            "closeness": t(lang, f"net.close.{p['closeness']}"),
            "effect": t(lang, f"net.effect.{p['effect']}"),
            "sign": EFFECT_SIGN[p["effect"]],
        }
        for p in people
    ]


def _network_changes(latest: dict, lang: str) -> dict[str, str]:
    changes = latest["changes"]
    return {
        "date": fmt_date(latest["at"], lang),
        "since": t(lang, "net.since", date=fmt_date(latest["earlier_at"], lang))
        if latest["earlier_at"]
        else "",
        "added": ", ".join(changes["added"]),
        "gone": ", ".join(changes["gone"]),
        "changed": ", ".join(changes["changed"]),
    }


def _checkins(data: dict, lang: str) -> list[dict[str, str]]:
    rows = []
    for c in data["checkins"]:
        faces = c["faces"]
        rows.append(
            {
                "date": fmt_date(c["at"], lang),
                "who": c["who"],
                "note": c["note"],
                "today": t(lang, f"face.{faces['today']}"),
                "face": f"/symbols/face-{faces['today']}.svg",
                "answers": " · ".join(
                    f"{t(lang, f'child.q.{q}')}: {t(lang, f'face.{faces[q]}')}"
                    for q in mc.CHILD_QUESTIONS
                ),
            }
        )
    return rows


def present_results(data: dict, lang: str) -> dict:
    """Everything the results component shows, as strings."""
    role_rows, role_dates = _rolemap(data, lang)
    latest_net = data["networks"][0] if data["networks"] else None
    return {
        "eval_points": _evaluation(data, lang),
        "eval_count": len(data["evaluations"]),
        "card_sets": _card_sets(data, lang),
        "role_rows": role_rows,
        "role_dates": role_dates,
        "net_nodes": network_nodes(latest_net["people"]) if latest_net else [],
        "net_rows": network_rows(latest_net["people"], lang) if latest_net else [],
        "net_changes": _network_changes(latest_net, lang) if latest_net else {},
        "checkins": _checkins(data, lang),
    }
