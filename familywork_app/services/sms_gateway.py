# pyright: strict
"""Text messages through an HTTP SMS gateway (the county's provider, or a small adapter in front
of it), configured from the environment:

- `FAMILYWORK_SMS_URL`: where to POST (https; plain http only to a loopback host, for tests);
- `FAMILYWORK_SMS_KEY`: the key, sent as `Authorization: Bearer <key>`;
- `FAMILYWORK_SMS_SENDER`: the sender name shown on the phone (default "Perhetyo").

The request is one JSON object (UTF-8, `Content-Type: application/json`):

    {"to": "+358401234567", "text": "Muistutus: ...", "sender": "Perhetyo",
     "reference": "meeting-reminder-42"}

`reference` is unique per message: a gateway that sees it twice may drop the second. Any 2xx
answer means the gateway took the message; anything else (or no answer within the timeout) is
`SmsError`. Redirects are not followed. Without `FAMILYWORK_SMS_URL` the SMS channel is off and
/settings does not offer it.
"""

import os
import re
from urllib.parse import urlsplit

import httpx

from familywork_app.services.security import is_loopback_host

TIMEOUT = httpx.Timeout(10.0, connect=3.05)
TEXT_MAX = 320  # two SMS segments at most
PHONE_RE = re.compile(r"^\+[1-9][0-9]{6,14}$")  # E.164


class SmsError(Exception):
    """The gateway did not take the message (the message says why, without the number)."""


def gateway_url() -> str:
    """The configured gateway's URL, or "" (SMS off)."""
    return os.environ.get("FAMILYWORK_SMS_URL", "").strip()


def sms_enabled() -> bool:
    """Whether an SMS gateway is configured."""
    return gateway_url() != ""


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or not (
        parts.scheme == "https" or (parts.scheme == "http" and is_loopback_host(host))
    ):
        raise SmsError("the SMS gateway URL must be https")
    return url


def normalise_phone(raw: str) -> str | None:
    """A phone number in E.164 ("+358401234567"), or None if it is not one. Finnish numbers
    written the usual way ("040 123 4567", "040-1234567") get the +358 prefix."""
    number = re.sub(r"[\s\-().]", "", raw)
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+358" + number[1:]
    return number if PHONE_RE.match(number) else None


def sms_request(to: str, text: str, reference: str) -> dict[str, str]:
    """The JSON body of one message (see the module docstring)."""
    return {
        "to": to,
        "text": text[:TEXT_MAX],
        "sender": os.environ.get("FAMILYWORK_SMS_SENDER", "Perhetyo")[:11],
        "reference": reference,
    }


def send_sms(to: str, text: str, reference: str) -> None:
    """POST one message to the gateway; `SmsError` if it is not configured or did not take it."""
    url = gateway_url()
    if not url:
        raise SmsError("no SMS gateway configured")
    key = os.environ.get("FAMILYWORK_SMS_KEY", "")
    try:
        response = httpx.post(
            _checked_url(url),
            json=sms_request(to, text, reference),
            headers={"Authorization": f"Bearer {key}"},
            timeout=TIMEOUT,
            follow_redirects=False,
        )
    except httpx.HTTPError as error:
        raise SmsError(f"SMS gateway unreachable: {type(error).__name__}") from None
    if not 200 <= response.status_code < 300:
        raise SmsError(f"SMS gateway answered {response.status_code}")
