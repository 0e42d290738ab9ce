"""Every string the user sees, in Finnish, Swedish and English, and date and number formatting.

`TEXTS[lang][key]`; a missing key in sv/en falls back to Finnish (tests check none is missing).
"""

from datetime import date, datetime
from typing import TypeGuard
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

from familywork_app.domain import DEFAULT_LANGUAGE, LANGUAGE_CODES, language_or_default
from familywork_app.i18n import (
    en,
    fi,
    log_en,
    log_fi,
    log_sv,
    methods_en,
    methods_fi,
    methods_sv,
    notify_en,
    notify_fi,
    notify_sv,
    staff_en,
    staff_fi,
    staff_sv,
    sv,
)
from familywork_app.i18n.a11y_texts import A11Y_TEXTS
from familywork_app.i18n.attachment_texts import ATTACHMENT_TEXTS
from familywork_app.i18n.card_texts import CARD_TEXTS
from familywork_app.i18n.design_texts import DESIGN_TEXTS
from familywork_app.i18n.family_basics_texts import FAMILY_BASICS_TEXTS
from familywork_app.i18n.handover_texts import HANDOVER_TEXTS
from familywork_app.i18n.identity_texts import IDENTITY_TEXTS
from familywork_app.i18n.info_texts import INFO_TEXTS
from familywork_app.i18n.page_texts import PAGE_TEXTS
from familywork_app.i18n.reminder_texts import REMINDER_TEXTS
from familywork_app.i18n.staff_identity_texts import STAFF_IDENTITY_TEXTS

LANGUAGES = LANGUAGE_CODES  # the one list of languages lives in familywork_app.domain
HELSINKI = ZoneInfo("Europe/Helsinki")
_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

# Per language: the general texts, the staff pages', the access log's, the methods', the
# notifications'; then the tables that hold all three languages side by side.
_MODULES = {
    "fi": (fi, staff_fi, log_fi, methods_fi, notify_fi),
    "sv": (sv, staff_sv, log_sv, methods_sv, notify_sv),
    "en": (en, staff_en, log_en, methods_en, notify_en),
}

TEXTS: dict[str, dict[str, str]] = {
    lang: {
        **INFO_TEXTS[lang],
        **{k: v for m in modules for k, v in m.TEXTS.items()},
        **CARD_TEXTS[lang],
        **A11Y_TEXTS[lang],
        **PAGE_TEXTS[lang],
        **DESIGN_TEXTS[lang],
        **HANDOVER_TEXTS[lang],
        **IDENTITY_TEXTS[lang],
        **FAMILY_BASICS_TEXTS[lang],
        **STAFF_IDENTITY_TEXTS[lang],
        **REMINDER_TEXTS[lang],
        **ATTACHMENT_TEXTS[lang],
    }
    for lang, modules in _MODULES.items()
}


def valid_language(lang: object) -> str:
    """`lang` if it is one of ours, else the default."""
    return language_or_default(lang).value


def t(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled in. A number (int or
    float) is written for the language ("29,9" and "1 234" in Finnish and Swedish, "29.9" and
    "1,234" in English); pass a year or an id as text, so it is not grouped."""
    text = TEXTS[valid_language(lang)].get(key) or TEXTS[DEFAULT_LANGUAGE].get(key, key)
    if not values:
        return text
    return text.format(
        **{k: fmt_number(v, lang) if _is_number(v) else v for k, v in values.items()}
    )


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def from_accept_language(header: str) -> str:
    """The first of our languages the browser asks for, else Finnish."""
    weighted = []
    for part in (header or "").split(","):
        pieces = part.strip().split(";q=")
        code = pieces[0].strip().lower()[:2]
        try:
            weight = float(pieces[1]) if len(pieces) > 1 else 1.0
        except ValueError:
            weight = 0.0
        if code in LANGUAGES:
            weighted.append((weight, code))
    return max(weighted)[1] if weighted else DEFAULT_LANGUAGE.value


def page_language(chosen: str | None, cookie: str, accept_language: str) -> str:
    """The language of a page: the one the person chose on their account (`chosen`, None if
    they never picked one), else the one picked on this browser (the cookie), else the
    browser's own (Accept-Language)."""
    if chosen is not None:
        return valid_language(chosen)
    if cookie in LANGUAGES:
        return cookie
    return from_accept_language(accept_language)


def local(dt: datetime) -> datetime:
    """An aware UTC datetime in Helsinki time."""
    return dt.astimezone(HELSINKI)


def fmt_datetime(dt: datetime | None, lang: str) -> str:
    """E.g. 'ma 30.11.2026 klo 10.00' style, in the user's language, Helsinki time."""
    if dt is None:
        return ""
    loc = _LOCALES[valid_language(lang)]
    return format_datetime(
        local(dt), "EEE d.M.yyyy HH:mm" if lang != "en" else "EEE d MMM yyyy HH:mm", locale=loc
    )


def fmt_time(dt: datetime | None, lang: str) -> str:
    return format_time(local(dt), "HH:mm", locale=_LOCALES[valid_language(lang)]) if dt else ""


def fmt_date(d: date | datetime | None, lang: str) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = local(d).date()
    return format_date(
        d, "d.M.yyyy" if lang != "en" else "d MMM yyyy", locale=_LOCALES[valid_language(lang)]
    )


def fmt_number(value: float, lang: str) -> str:
    """A number as the language writes it: '29,9' and '1 234' (no-break space) in Finnish
    and Swedish, '29.9' and '1,234' in English."""
    return format_decimal(value, locale=_LOCALES[valid_language(lang)])


def fmt_day_month(d: date | datetime, lang: str) -> str:
    """Day and month only, for a chart's axis: '12.3.' in Finnish and Swedish, '12 Mar' in
    English."""
    if isinstance(d, datetime):
        d = local(d).date()
    return format_date(
        d, "d MMM" if lang == "en" else "d.M.", locale=_LOCALES[valid_language(lang)]
    )


def fmt_day(d: date | datetime | None, lang: str) -> str:
    """Weekday and date, e.g. 'ma 30.11.2026' / 'Mon 30 Nov 2026'."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = local(d).date()
    return format_date(
        d,
        "EEE d.M.yyyy" if lang != "en" else "EEE d MMM yyyy",
        locale=_LOCALES[valid_language(lang)],
    )
