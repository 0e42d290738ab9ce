"""The one entry point for every event handler that touches data.

Reflex makes every public method of a State an endpoint that anyone can call with anything. So
every handler that reads or writes data is wrapped once, here, and its body is only the
service call and the assignment of the result:

    class FamilyMeetingsState(AppState):
        @rx.event
        @data_handler(Role.GUARDIAN, form=CancelForm)
        def cancel(self, acting: Acting, form: CancelForm):
            meetings.cancel_meeting(acting.db, acting.user, form.meeting_id, form.reason, acting.ip)
            self._reload(acting)

The wrapper
- opens the database session (the one `session_scope()` of the state layer);
- resolves the user from the HttpOnly session cookie on the server (a together-mode lock
  allows only the together page's state, see `AppState._allows_together`);
- checks the role: a page loader (`page=True`) redirects a stranger to sign-in and a wrong role
  to its own home; an action from someone not allowed does nothing at all;
- for guardians with `family=True`, finds their own family (never one named by the client) and
  refreshes the unread badge;
- validates and normalises the form with its typed model (`form=`): a bad value becomes a
  `ServiceError` for that field;
- turns a `ServiceError` (the services' refusals) into the state's field or form message
  (`AppState._refused`);
- on any other exception resets the state's own vars before re-raising, so that no half-loaded
  data, another family's included, stays in the state to be sent with a later delta.

The browser sees the handler's signature without the `acting` argument, and a form argument as
the plain dict the browser sends.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, overload

from sqlmodel import Session

from familywork_app.db import session_scope
from familywork_app.domain import Role
from familywork_app.models import User
from familywork_app.services import ServiceError
from familywork_app.state.forms import FormModel

if TYPE_CHECKING:
    from familywork_app.state.app_state import AppState

log = logging.getLogger("familywork.handler")

S = TypeVar("S", bound="AppState")
P = ParamSpec("P")
R = TypeVar("R")
# A handler as written (state, context, browser arguments) and as the browser calls it.
F = TypeVar("F", bound=FormModel)
Written = Callable[Concatenate[S, "Acting", P], R]
Called = Callable[Concatenate[S, P], R]
# With a form model: written with the model, called by the browser with the form's dict.
FormWritten = Callable[Concatenate[S, "Acting", F, P], R]
FormCalled = Callable[Concatenate[S, dict[str, Any], P], R]
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


@dataclass(frozen=True)
class Acting:
    """What a data handler works with."""

    db: Session
    user: User
    ip: str
    family_id: int = 0  # a guardian's own family with `family=True` (0: none yet)


@dataclass(frozen=True)
class Visiting:
    """What a public handler works with: the user may be nobody."""

    db: Session
    user: User | None
    ip: str


def _browser_signature(fn: Callable[..., Any], form: type[FormModel] | None) -> inspect.Signature:
    """`fn`'s signature as Reflex and the browser see it: without the context argument, and a
    form argument as the dict the browser sends."""
    params = list(inspect.signature(fn).parameters.values())
    shown = [params[0]]  # self
    for index, param in enumerate(params[2:]):
        if form is not None and index == 0:
            param = param.replace(annotation=dict[str, Any])
        shown.append(param)
    return inspect.Signature(shown)


def _expose(
    wrapper: Callable[..., Any], fn: Callable[..., Any], form: type[FormModel] | None
) -> Any:
    """Give `wrapper` the browser's view of `fn` (Reflex reads the signature and the hints)."""
    signature = _browser_signature(fn, form)
    wrapper.__signature__ = signature  # type: ignore[attr-defined]  # read by inspect
    wrapper.__annotations__ = {
        name: param.annotation
        for name, param in signature.parameters.items()
        if param.annotation is not inspect.Parameter.empty
    }
    del wrapper.__wrapped__  # type: ignore[attr-defined]  # else inspect would show `acting`
    wrapper.__form_model__ = form  # type: ignore[attr-defined]  # read by the forged-event suite
    return wrapper


def _run(state: AppState, body: Callable[[], Any]) -> Any:
    """Run the handler body; a refusal becomes a message, a crash leaves no data behind."""
    try:
        return body()
    except ServiceError as problem:
        return state._refused(problem)
    except Exception:
        log.exception("handler failed in %s", type(state).__name__)
        state.reset()
        raise


@overload
def data_handler(
    *roles: Role,
    page: bool = False,
    form: None = None,
    family: bool = False,
    badge: bool | None = None,
) -> Callable[[Written[S, P, Any]], Called[S, P, Any]]: ...


@overload
def data_handler(
    *roles: Role,
    page: bool = False,
    form: type[F],
    family: bool = False,
    badge: bool | None = None,
) -> Callable[[FormWritten[S, F, P, Any]], FormCalled[S, P, Any]]: ...


def data_handler(
    *roles: Role,
    page: bool = False,
    form: type[FormModel] | None = None,
    family: bool = False,
    badge: bool | None = None,
) -> Decorator:
    """The entry point for a handler of signed-in users with one of `roles`.

    `page=True`: an on_load (sets the shell; redirects whoever may not open the page).
    `form=`: the first argument is the browser's form dict, validated by that model.
    `family=True`: a guardian's own family id in `acting.family_id`.
    `badge`: refresh a guardian's unread badge (default: when `family`); `badge=True` on pages
    every role opens (account, settings), `badge=False` where the page counts it itself.
    """
    allowed = frozenset(roles)
    with_badge = family if badge is None else badge

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        names = _argument_names(fn)
        call: Callable[..., Any] = fn  # called with the parsed browser arguments

        @functools.wraps(fn)
        def wrapper(self: AppState, *args: Any, **kwargs: Any) -> Any:
            with session_scope() as db:
                if page:
                    user, redirect = self._guard(db, *allowed)
                    if user is None:
                        return redirect
                else:
                    user = self._user(db)
                    if user is None or user.role not in allowed:
                        return None
                family_id = (
                    self._own_family(db, user, badge=with_badge) if family or with_badge else 0
                )
                acting = Acting(db=db, user=user, ip=self._ip(), family_id=family_id)
                return _run(self, lambda: call(self, acting, *_parsed(names, form, args, kwargs)))

        return _expose(wrapper, fn, form)

    return decorate


@overload
def public_handler(
    form: None = None,
) -> Callable[[Callable[Concatenate[S, Visiting, P], Any]], Called[S, P, Any]]: ...


@overload
def public_handler(
    form: type[F],
) -> Callable[
    [Callable[Concatenate[S, Visiting, F, P], Any]],
    Callable[Concatenate[S, dict[str, Any], P], Any],
]: ...


def public_handler(form: type[FormModel] | None = None) -> Decorator:
    """The entry point for a handler anyone may call (sign-in, apply, public pages). An
    `async def` handler (e.g. one that hashes a password off the event loop) is awaited."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        names = _argument_names(fn)
        call: Callable[..., Any] = fn  # called with the parsed browser arguments

        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def awaiting(self: AppState, *args: Any, **kwargs: Any) -> Any:
                with session_scope() as db:
                    visiting = Visiting(db=db, user=self._user(db), ip=self._ip())
                    try:
                        return await call(self, visiting, *_parsed(names, form, args, kwargs))
                    except ServiceError as problem:
                        return self._refused(problem)
                    except Exception:
                        log.exception("handler failed in %s", type(self).__name__)
                        self.reset()
                        raise

            return _expose(awaiting, fn, form)

        @functools.wraps(fn)
        def wrapper(self: AppState, *args: Any, **kwargs: Any) -> Any:
            with session_scope() as db:
                visiting = Visiting(db=db, user=self._user(db), ip=self._ip())
                return _run(self, lambda: call(self, visiting, *_parsed(names, form, args, kwargs)))

        return _expose(wrapper, fn, form)

    return decorate


def _argument_names(fn: Callable[..., Any]) -> list[str]:
    """The names of the arguments the browser sends (after `self` and the context)."""
    if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
        # The session closes when the wrapper returns, before Reflex would resume a generator.
        raise TypeError(f"{fn.__qualname__}: a data handler cannot yield")
    return list(inspect.signature(fn).parameters)[2:]


def _parsed(
    names: list[str], form: type[FormModel] | None, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> list[Any]:
    """The handler's arguments in order (Reflex passes them by name; a missing one is None),
    the form (if any) validated into its model. Extra names a forger adds are dropped."""
    values = list(args[: len(names)]) + [kwargs.get(name) for name in names[len(args) :]]
    if form is not None and values:
        values[0] = form.parse(values[0])
    return values
