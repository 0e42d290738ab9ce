"""One made version of the client plan as a document to download and print (`plan_html`): for
the family's guardians, its worker and the supervisors, like every reading of the plan; the
download is in the access log."""

from dataclasses import dataclass

from sqlmodel import Session

from familywork_app.domain import LogAction
from familywork_app.models import ClientPlan, Family, User
from familywork_app.services import NotAllowed
from familywork_app.services.access_log import log_access
from familywork_app.services.client_plan_rows import PlanVersion, plan_rows
from familywork_app.services.policy import acting_user, require_record


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """What the document shows: the family's name and the version."""

    family_name: str
    plan: PlanVersion


def plan_document(session: Session, user: User, plan_id: object, ip: str = "") -> PlanDocument:
    """A made version of a plan of a family the user may read (a draft, another family's plan
    or an unknown id: NotAllowed, which does not say which)."""
    plan = require_record(session, acting_user(user, ip), ClientPlan, plan_id)
    family = session.get(Family, plan.family_id)
    if plan.made_at is None or family is None:
        raise NotAllowed()
    row = plan_rows(session, [plan])[0]
    log_access(
        session, user, family.id, LogAction.DOWNLOAD_CLIENT_PLAN, detail=f"plan {plan.id}", ip=ip
    )
    session.commit()
    return PlanDocument(family_name=family.name, plan=row)
