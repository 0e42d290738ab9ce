"""The results of the methods done together as display strings (shared by the family's "Our
work" page and the worker's record), and the people of the locked family on the tablet. Pure
functions and the view rows they return: no database, no state.

Every picture (evaluation bars, the network map) comes with the same figures as table rows.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from familywork_app import method_content as mc
from familywork_app.domain import Respondent
from familywork_app.i18n import fmt_date, fmt_number, t
from familywork_app.services.method_rows import (
    FamilyResults,
    NetworkPerson,
    NetworkResult,
    RoleMapResult,
)
from familywork_app.services.together import TogetherFamily


@dataclass(frozen=True, slots=True)
class Choice:
    """An option to choose: the value sent back and the label shown."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class EvalPointView:
    """One answer's bar in an area's chart (and its row in the table)."""

    date: str
    phase: str
    who: str
    side: str  # "family" or "worker"
    side_label: str
    score: str
    height: str  # CSS height of the bar


@dataclass(frozen=True, slots=True)
class CardSetView:
    date: str
    who: str
    note: str
    cards: str


@dataclass(frozen=True, slots=True)
class RoleRowView:
    """One task of the newest role map, beside the one before it (if any)."""

    task: str
    who: str
    earlier: str
    change: str


@dataclass(frozen=True, slots=True)
class RoleDatesView:
    latest: str = ""
    earlier: str = ""  # "" when there is only one map


@dataclass(frozen=True, slots=True)
class NetworkNodeView:
    """A person on the network picture: position, name and the sign of the effect."""

    x: str
    y: str
    label_y: str
    sign_y: str
    name: str
    effect: str
    sign: str


@dataclass(frozen=True, slots=True)
class NetworkRowView:
    name: str
    category: str
    closeness: str
    effect: str
    sign: str
    index: str  # the person's place on the map ("0", "1"...), to remove them from a draft


@dataclass(frozen=True, slots=True)
class NetworkChangesView:
    date: str = ""
    since: str = ""  # "" when there is no earlier map
    added: str = ""
    gone: str = ""
    changed: str = ""


@dataclass(frozen=True, slots=True)
class CheckinView:
    date: str
    who: str
    note: str
    today: str
    face: str  # the picture of today's face
    answers: str


def _no_points() -> dict[str, list[EvalPointView]]:
    return {area.value: [] for area in mc.EVALUATION_AREAS}


@dataclass(frozen=True, slots=True)
class ResultsView:
    """Everything the results component shows (the vars of `MethodResultsState`)."""

    eval_points: dict[str, list[EvalPointView]] = field(default_factory=_no_points)
    eval_count: int = 0
    card_sets: list[CardSetView] = field(default_factory=list[CardSetView])
    role_rows: list[RoleRowView] = field(default_factory=list[RoleRowView])
    role_dates: RoleDatesView = RoleDatesView()
    net_nodes: list[NetworkNodeView] = field(default_factory=list[NetworkNodeView])
    net_rows: list[NetworkRowView] = field(default_factory=list[NetworkRowView])
    net_changes: NetworkChangesView = NetworkChangesView()
    checkins: list[CheckinView] = field(default_factory=list[CheckinView])


EMPTY_RESULTS = ResultsView()


def _evaluation(data: FamilyResults, lang: str) -> dict[str, list[EvalPointView]]:
    """Per area, one bar per answer over time: the family's and the worker's side by side."""
    points = _no_points()
    for e in data.evaluations:
        side = "worker" if e.respondent == Respondent.WORKER else "family"
        for area in mc.EVALUATION_AREAS:
            score = e.scores[area]
            points[area.value].append(
                EvalPointView(
                    date=fmt_date(e.at, lang),
                    phase=t(lang, f"phase.{e.phase}"),
                    who=e.who,
                    side=side,
                    side_label=t(lang, f"eval.{side}"),
                    score=fmt_number(score, lang),
                    height=f"{score * 20}%",
                )
            )
    return points


def _card_sets(data: FamilyResults, lang: str) -> list[CardSetView]:
    return [
        CardSetView(
            date=fmt_date(c.at, lang),
            who=c.who,
            note=c.note,
            cards=" · ".join(t(lang, f"card.{card}") for card in c.cards),
        )
        for c in data.cards
    ]


def _who(rolemap: RoleMapResult, task: str, lang: str) -> str:
    names = [rolemap.members.get(m) or t(lang, "role.other") for m in rolemap.tasks[task]]
    return ", ".join(names)


def _rolemap(data: FamilyResults, lang: str) -> tuple[list[RoleRowView], RoleDatesView]:
    """The newest map, task by task, beside the one before it."""
    if not data.rolemaps:
        return [], RoleDatesView()
    latest = data.rolemaps[0]
    earlier = data.rolemaps[1] if len(data.rolemaps) > 1 else None
    changed, same = t(lang, "role.changed"), t(lang, "role.same")
    rows = [
        RoleRowView(
            task=t(lang, f"role.task.{task}"),
            who=_who(latest, task, lang),
            earlier=_who(earlier, task, lang) if earlier else "",
            change=(changed if task in latest.changes else same) if earlier else "",
        )
        for task in mc.ROLE_TASKS
    ]
    dates = RoleDatesView(
        latest=fmt_date(latest.at, lang),
        earlier=t(lang, "role.earlier", date=fmt_date(earlier.at, lang)) if earlier else "",
    )
    return rows, dates


EFFECT_SIGN = {"helps": "+", "strains": "−", "both": "±"}
RADII = {1: 62, 2: 102, 3: 140}


def network_nodes(people: Sequence[NetworkPerson]) -> list[NetworkNodeView]:
    """Positions on a 320×320 picture: the family in the middle, rings by closeness, evenly
    spread around; each node says its effect with a sign as well as a colour."""
    nodes: list[NetworkNodeView] = []
    for index, person in enumerate(people):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(people), 1)
        radius = RADII[person.closeness]
        x, y = 160 + radius * math.cos(angle), 160 + radius * math.sin(angle)
        nodes.append(
            NetworkNodeView(
                x=f"{x:.0f}",
                y=f"{y:.0f}",
                label_y=f"{y + 26:.0f}",
                sign_y=f"{y + 6:.0f}",
                name=person.name[:14],
                effect=person.effect,
                sign=EFFECT_SIGN[person.effect],
            )
        )
    return nodes


def network_rows(people: Sequence[NetworkPerson], lang: str) -> list[NetworkRowView]:
    return [
        NetworkRowView(
            name=p.name,
            category=t(lang, f"net.cat.{p.category}"),
            closeness=t(lang, f"net.close.{p.closeness}"),
            effect=t(lang, f"net.effect.{p.effect}"),
            sign=EFFECT_SIGN[p.effect],
            index=str(index),
        )
        for index, p in enumerate(people)
    ]


def _network_changes(latest: NetworkResult, lang: str) -> NetworkChangesView:
    changes = latest.changes
    return NetworkChangesView(
        date=fmt_date(latest.at, lang),
        since=t(lang, "net.since", date=fmt_date(latest.earlier_at, lang))
        if latest.earlier_at
        else "",
        added=", ".join(changes.added),
        gone=", ".join(changes.gone),
        changed=", ".join(changes.changed),
    )


def _checkins(data: FamilyResults, lang: str) -> list[CheckinView]:
    return [
        CheckinView(
            date=fmt_date(c.at, lang),
            who=c.who,
            note=c.note,
            today=t(lang, f"face.{c.faces['today']}"),
            face=f"/symbols/face-{c.faces['today']}.svg",
            answers=" · ".join(
                f"{t(lang, f'child.q.{q}')}: {t(lang, f'face.{c.faces[q]}')}"
                for q in mc.CHILD_QUESTIONS
            ),
        )
        for c in data.checkins
    ]


def present_results(data: FamilyResults, lang: str) -> ResultsView:
    """Everything the results component shows, as strings."""
    role_rows, role_dates = _rolemap(data, lang)
    latest_net = data.networks[0] if data.networks else None
    return ResultsView(
        eval_points=_evaluation(data, lang),
        eval_count=len(data.evaluations),
        card_sets=_card_sets(data, lang),
        role_rows=role_rows,
        role_dates=role_dates,
        net_nodes=network_nodes(latest_net.people) if latest_net else [],
        net_rows=network_rows(latest_net.people, lang) if latest_net else [],
        net_changes=_network_changes(latest_net, lang) if latest_net else NetworkChangesView(),
        checkins=_checkins(data, lang),
    )


def present_people(
    people: TogetherFamily, lang: str
) -> tuple[list[Choice], list[Choice], list[Choice]]:
    """(who may answer an evaluation, the children, the role map's members) of the locked
    family: guardians and children by first name, then the worker or "someone else"."""
    suffix = t(lang, "eval.child_suffix")
    respondents = (
        [Choice(f"{Respondent.GUARDIAN}:{g.id}", g.name) for g in people.guardians]
        + [Choice(f"{Respondent.CHILD}:{c.id}", f"{c.name} {suffix}") for c in people.children]
        + [Choice(Respondent.WORKER, t(lang, "eval.worker_view"))]
    )
    children = [Choice(str(c.id), c.name) for c in people.children]
    members = (
        [Choice(f"g{g.id}", g.name) for g in people.guardians]
        + [Choice(f"c{c.id}", c.name) for c in people.children]
        + [Choice(mc.OTHER_MEMBER, t(lang, "role.other"))]
    )
    return respondents, children, members
