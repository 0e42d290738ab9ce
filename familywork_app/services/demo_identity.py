"""Demo data of strong identification (issue 15): Laura and Jussi Kemppainen's demo accounts
are linked to the test provider's "Laura Kemppainen (test)" and "Jussi Kemppainen (test)", so
"Sign in with Suomi.fi (test)" lands on their family home. Test codes only (individual numbers
900-999 belong to nobody)."""

from sqlmodel import Session, select

from familywork_app.models import StrongIdentity, User
from familywork_app.oidc_profile import TEST_PEOPLE, Provider
from familywork_app.services.policy import saved_id
from familywork_app.services.secret_box import seal
from familywork_app.services.strong_identity import pic_hash, subject_hash

# demo account -> the test identity linked to it
DEMO_LINKS = (("family@example.org", TEST_PEOPLE[0]), ("family2@example.org", TEST_PEOPLE[1]))


def add_demo_identities(session: Session) -> None:
    """Link the demo guardians to their test identities (the caller commits)."""
    for email, person in DEMO_LINKS:
        user = session.exec(select(User).where(User.email == email)).first()
        if user is None:
            continue
        code = person.personal_identity_code
        session.add(
            StrongIdentity(
                user_id=saved_id(user.id),
                provider=Provider.SUOMIFI.value,
                # the test provider's subject for a person is not known here; look-up is by code
                subject_hash=subject_hash(Provider.SUOMIFI, pic_hash(code)),
                pic_hash=pic_hash(code),
                pic_sealed=seal(code),
                verified_name=f"{person.given_name} {person.family_name}",
                acr=str(person.acr),
            )
        )
