"""The rules of the service in plain Python: every function takes a database session and the
acting user, checks the policy, does the work, writes the access log and returns typed data
(frozen dataclasses such as `account.MySession`, or the tables' own rows)."""


class ServiceError(Exception):
    """A refusal the user may be told about; `code` is an i18n key, `field` the form field."""

    def __init__(self, code: str, field: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.field = field


class NotAllowed(ServiceError):
    """The acting user may not do this (or the object does not exist: we do not say which)."""

    def __init__(self) -> None:
        super().__init__("error.not_allowed")
