"""Typed form models: what the browser sends, validated and normalised in one place per form.

A form arrives as a dict of strings (a checkbox as "on" or `true`, an id as text), or as
anything at all from a forged event. Each form is a `FormModel` subclass next to the state that
handles it; `FormModel.parse` turns the raw value into the model or raises a `ServiceError` for
the first bad field, with the i18n key shown beside that field:

    class MessageForm(FormModel):
        body: Text = text(2000)             # too long: "error.text_long" on the field "body"
        meeting_id: FormId = 0              # "12" -> 12; anything else -> 0 (refused later)
        confirm_overlap: Checkbox = False   # "on", True, "true" -> True

The rules of the service (a meeting in the past, an empty message) stay in the services; a
form model only makes the types right and the lengths bounded.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from familywork_app.services import ServiceError

MAX_ID_DIGITS = 11


def form_id(value: object) -> int:
    """An id from a form field or event argument; 0 (refused by the services) if not a number."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**MAX_ID_DIGITS:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value) if len(value) <= MAX_ID_DIGITS else 0
    return 0


def form_text(value: object) -> str:
    """A text field's value; anything that is not text is the empty string."""
    return value if isinstance(value, str) else ""


def checked(value: object) -> bool:
    """Whether a checkbox was ticked: browsers send "on" (native forms) or `true` (Reflex)."""
    return value is True or value in ("on", "true")


FormId = Annotated[int, BeforeValidator(form_id)]
Checkbox = Annotated[bool, BeforeValidator(checked)]


Text = Annotated[str, BeforeValidator(form_text)]


def text(max_length: int) -> Any:
    """A `Text` field's default ("") and its length limit: `note: Text = text(1000)`."""
    return Field(default="", max_length=max_length)


_CODES = {"string_too_long": "error.text_long"}


class FormModel(BaseModel):
    """Base of every form: immutable, unknown fields ignored, errors as field messages."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    # Per field, the i18n key for a value the model refuses (default: by the kind of error).
    error_codes: ClassVar[dict[str, str]] = {}

    @classmethod
    def parse(cls, raw: object) -> Self:
        """The form from the browser's dict; `ServiceError(code, field)` for a bad field."""
        data = raw if isinstance(raw, dict) else {}
        try:
            return cls.model_validate(data)
        except ValidationError as invalid:
            first = invalid.errors()[0]
            field = str(first["loc"][0]) if first["loc"] else ""
            code = cls.error_codes.get(field) or _CODES.get(first["type"], "error.invalid")
            raise ServiceError(code, field) from None
