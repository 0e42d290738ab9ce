"""Demo data of the client plan (issue 16): the Kemppainen family (the demo guardians Laura,
family@example.org, and Jussi, family2@example.org) has a made plan, version 1, with its two
goals, read and acknowledged by Jussi with a comment; and the worker has opened the draft of
the review (version 2), so that Laura can write the family's view on her phone and acknowledge
version 1, which is still the plan in force.

The plan was made a few days after the assessment ended (`demo_process`), and the case has the
step "plan made" on that day (added here unless it is there already), so that a review can be
made after it. Rows are added directly: no access-log rows for the demo.
"""

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from familywork_app.domain import CaseStepKind
from familywork_app.models import (
    CaseStep,
    ClientPlan,
    Family,
    Goal,
    PlanAcknowledgement,
    PlanGoal,
    User,
)
from familywork_app.services.case_process import helsinki_day
from familywork_app.services.policy import saved_id

FAMILY = "Kemppainen"
ACKNOWLEDGED_BY = "family2@example.org"  # Jussi
MADE_DAYS_AGO = 17
REVIEW_IN_DAYS = 14  # the next review of version 1
DRAFT_DAYS_AGO = 2
TEXTS = {
    "family_view": (
        "Aamut ja illat ovat meillä kiireisiä ja riitaisia. Haluamme, että lapset ehtivät "
        "kouluun ja päiväkotiin rauhassa ja että ilta rauhoittuu ennen nukkumaanmenoa."
    ),
    "family_strengths": (
        "Teemme hyvää yhteistyötä vanhempina, lapset ovat läheisiä keskenään ja meillä on "
        "mummo lähellä apuna."
    ),
    "worker_view": (
        "Vanhemmat ovat väsyneitä mutta motivoituneita. Arjen rytmi ja selkeät siirtymät "
        "aamuisin ja iltaisin auttavat koko perhettä. Lasten turvallisuudesta ei ole huolta."
    ),
    "who_does_what": (
        "Laura valmistelee vaatteet illalla ja herättää lapset. Jussi tekee aamupalan ja "
        "lukee iltasadun. Eetu seuraa aamujärjestyksen kuvakortteja. Anna tuo kotikäynneille "
        "menetelmät ja seuraa tavoitteita perheen kanssa."
    ),
    "meeting_rhythm": "Kotikäynti kerran viikossa, viestit tarvittaessa",
    "differences": (
        "Vanhemmat toivovat lisää käyntejä iltaisin; työntekijä ehdottaa ensin kokeilua "
        "iltarutiinin kuvista."
    ),
}
JUSSI_COMMENT = "Luin suunnitelman. Hyvä, että iltasatu on mukana."


def _version(family: Family, version: int, created_at: datetime) -> ClientPlan:
    """A version with the demo plan's texts (a review's draft starts from the version in
    force)."""
    return ClientPlan(
        family_id=saved_id(family.id),
        version=version,
        family_view=TEXTS["family_view"],
        family_strengths=TEXTS["family_strengths"],
        worker_view=TEXTS["worker_view"],
        who_does_what=TEXTS["who_does_what"],
        meeting_rhythm=TEXTS["meeting_rhythm"],
        differences=TEXTS["differences"],
        created_by_id=family.worker_id,
        created_at=created_at,
    )


def _at(now: datetime, days_ago: int) -> datetime:
    return now - timedelta(days=days_ago, hours=1)


def add_demo_plans(session: Session, now: datetime) -> None:
    """The Kemppainen family's plan (flushed with the caller's commit); nothing without it."""
    family = session.exec(select(Family).where(Family.name == FAMILY)).first()
    jussi = session.exec(select(User).where(User.email == ACKNOWLEDGED_BY)).first()
    if family is None or jussi is None:
        return
    fid = saved_id(family.id)
    goals = list(session.exec(select(Goal.id).where(Goal.family_id == fid).order_by(col(Goal.id))))
    made = _at(now, MADE_DAYS_AGO)
    first = _version(family, 1, made - timedelta(days=1))
    first.made_at = made
    first.next_review = helsinki_day(now) + timedelta(days=REVIEW_IN_DAYS)
    draft = _version(family, 2, _at(now, DRAFT_DAYS_AGO))
    session.add_all([first, draft])
    session.flush()
    for plan in (first, draft):
        session.add_all([PlanGoal(plan_id=saved_id(plan.id), goal_id=saved_id(g)) for g in goals])
    session.add(
        PlanAcknowledgement(
            plan_id=saved_id(first.id),
            guardian_id=saved_id(jussi.id),
            at=made + timedelta(days=1),
            comment=JUSSI_COMMENT,
        )
    )
    _plan_made_step(session, family, made)
    session.flush()


def _plan_made_step(session: Session, family: Family, made: datetime) -> None:
    """The case step "plan made" on the plan's day, unless the case has one already."""
    recorded = session.exec(
        select(CaseStep.id).where(
            CaseStep.family_id == family.id, CaseStep.kind == CaseStepKind.PLAN_MADE
        )
    ).first()
    if recorded is None:
        session.add(
            CaseStep(
                family_id=saved_id(family.id),
                kind=CaseStepKind.PLAN_MADE,
                on=helsinki_day(made),
                recorded_by_id=family.worker_id,
                recorded_at=made,
            )
        )
