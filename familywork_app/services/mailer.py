"""Outgoing e-mail: through SMTP when FAMILYWORK_SMTP_HOST is set, otherwise written to the log
(standard output of the app).

E-mails carry no client details beyond what the recipient needs to act (a link, a name).
"""

import os
import smtplib
from email.message import EmailMessage


def public_url(path: str) -> str:
    """An absolute link to `path` on this deployment."""
    base = os.environ.get("FAMILYWORK_PUBLIC_URL", "http://localhost:3000").rstrip("/")
    return f"{base}{path}"


def send_mail(to: str, subject: str, body: str) -> None:
    """Send one plain-text e-mail (or log it when SMTP is not configured)."""
    host = os.environ.get("FAMILYWORK_SMTP_HOST", "")
    if not host:
        print(f"MAIL to={to} subject={subject}\n{body}", flush=True)
        return
    message = EmailMessage()
    message["From"] = os.environ.get("FAMILYWORK_SMTP_FROM", "perhetyo@localhost")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    port = int(os.environ.get("FAMILYWORK_SMTP_PORT", "587"))
    with smtplib.SMTP(host, port, timeout=20) as smtp:
        if os.environ.get("FAMILYWORK_SMTP_STARTTLS", "1") == "1":
            smtp.starttls()
        if os.environ.get("FAMILYWORK_SMTP_USER"):
            smtp.login(
                os.environ["FAMILYWORK_SMTP_USER"], os.environ.get("FAMILYWORK_SMTP_PASSWORD", "")
            )
        smtp.send_message(message)
