"""The language a person chose with the language switch, remembered on their account."""

from sqlmodel import Session

from familywork_app.domain import Language
from familywork_app.models import User


def choose_language(session: Session, user: User, language: Language) -> None:
    """Remember `language` as the user's own choice: from now on their pages, e-mails and
    notifications use it, whatever the browser asks for."""
    user.language = language
    user.language_chosen = True
    session.add(user)
    session.commit()
