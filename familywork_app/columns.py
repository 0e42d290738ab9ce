# pyright: strict
"""Column types and constraints shared by the tables in `models.py`.

`EnumString` keeps an enumerated column a plain VARCHAR(n) in the database (the migrations and
autogenerate see the same column as before) while Python reads and writes `StrEnum` members;
`allowed` is the matching named CHECK constraint, so the database refuses a stray value too.
"""

from enum import StrEnum
from typing import Generic, TypeVar

from sqlalchemy import CheckConstraint, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


class EnumString(TypeDecorator[E], Generic[E]):
    """A VARCHAR(`length`) column holding the values of `enum`: enum members on load; on write
    a member or its string, and nothing else (ValueError, wrapped by SQLAlchemy)."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length=length)
        self.enum = enum
        # value -> member: a dict look-up per row read (calling the enum is several times slower,
        # and lists read thousands of rows)
        self._members: dict[str, E] = {member.value: member for member in enum}

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        member = self._members.get(value)
        return member if member is not None else self.enum(value)  # a stray value: ValueError


def allowed(table: str, column: str, enum: type[StrEnum]) -> CheckConstraint:
    """The CHECK constraint `ck_<table>_<column>`: `column` holds a value of `enum` (or NULL,
    which a CHECK lets through, where the column itself allows NULL)."""
    quoted = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({quoted})", name=f"ck_{table}_{column}")
