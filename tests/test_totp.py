"""The staff second factor: enrolment, codes accepted once, recovery codes, limits, logging."""

import logging

import pyotp
import pytest
from sqlmodel import col, select

from familywork_app.models import RecoveryCode, SignInAttempt
from familywork_app.services import NotAllowed, ServiceError, auth, totp
from familywork_app.services.demo_data import DEMO_PASSWORD
from familywork_app.services.secret_box import unseal
from familywork_app.services.security import token_hash
from familywork_app.services.sign_in_limits import FREE_FAILURES, email_digest
from tests.conftest import user_by_email
from tests.test_staff import GARBAGE, _user

PASSWORD = "kajaanin kanavan varrella"


@pytest.fixture
def newcomer(db):
    return _user(db, "uusi@example.org", "worker", "Uusi Työntekijä", password=PASSWORD)


def _step_code(secret, offset=0):
    return totp.code_at(secret, totp.current_step() + offset)


def test_demo_staff_are_enrolled_with_the_documented_secret_and_guardians_are_not(demo_db):
    for email in ("supervisor@example.org", "worker@example.org", "worker2@example.org"):
        user = user_by_email(demo_db, email)
        assert totp.needs_second_factor(user) and totp.is_enrolled(user)
        assert unseal(user.totp_secret) == totp.DEMO_SECRET == "PERHETYODEMOTOTPKAINUUKAJAANI234"
        assert totp.DEMO_SECRET not in user.totp_secret  # encrypted at rest
    guardian = user_by_email(demo_db, "family@example.org")
    assert not totp.needs_second_factor(guardian) and not totp.is_enrolled(guardian)
    # The codes are the standard RFC 6238 ones any authenticator app makes.
    step = totp.current_step()
    assert totp.code_at(totp.DEMO_SECRET, step) == pyotp.TOTP(totp.DEMO_SECRET).at(step * 30)
    assert totp.current_step(60.0) == 2


def test_cli_prints_the_current_demo_code(capsys):
    assert totp.main(["code"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.isdigit() and len(printed) == 6
    assert totp.main([]) == 2


def test_enrolment_needs_a_code_from_the_new_secret_and_gives_ten_recovery_codes(db, newcomer):
    secret = totp.new_secret()
    assert len(secret) == 32
    assert "otpauth://totp/" in totp.provisioning_uri(secret, newcomer.email)
    assert totp.qr_data_uri(totp.provisioning_uri(secret, newcomer.email)).startswith(
        "data:image/svg+xml"
    )
    assert totp.confirm_enrolment(db, newcomer, secret, "000000").ok is False
    assert not totp.is_enrolled(newcomer)
    result = totp.confirm_enrolment(db, newcomer, secret, _step_code(secret))
    assert result.ok and totp.is_enrolled(newcomer) and unseal(newcomer.totp_secret) == secret
    assert secret not in newcomer.totp_secret and newcomer.totp_secret.startswith("f1:")
    codes = result.recovery_codes
    assert len(codes) == len(set(codes)) == 10
    rows = db.exec(select(RecoveryCode).where(RecoveryCode.user_id == newcomer.id)).all()
    assert len(rows) == 10
    stored = {r.code_hash for r in rows}
    assert all(code not in stored for code in codes)  # only hashes are kept
    assert {token_hash(c.replace("-", "")) for c in codes} == stored
    # An enrolled factor cannot be replaced by someone who only knows the password.
    with pytest.raises(NotAllowed):
        totp.confirm_enrolment(db, newcomer, totp.new_secret(), "123456")


def test_enrolment_refuses_bad_secrets_guardians_and_garbage(db, newcomer):
    guardian = _user(db, "h@example.org", "guardian", "Hilla", password=PASSWORD)
    with pytest.raises(NotAllowed):
        totp.confirm_enrolment(db, guardian, totp.new_secret(), "123456")
    for bad_secret in GARBAGE + ("abc", "A" * 31, "a" * 32, "1" * 32):
        with pytest.raises(ServiceError):
            totp.confirm_enrolment(db, newcomer, bad_secret, "123456")
    for bad_user in (None, "uusi@example.org", 5):
        with pytest.raises(NotAllowed):
            totp.confirm_enrolment(db, bad_user, totp.new_secret(), "123456")
    secret = totp.new_secret()
    for bad_code in GARBAGE + ("1" * 10_000,):
        assert totp.confirm_enrolment(db, newcomer, secret, bad_code).ok is False


def test_a_code_works_once_and_neighbouring_steps_are_accepted(demo_db):
    worker = user_by_email(demo_db, "worker@example.org")
    code = totp.current_code()
    assert totp.verify_code(demo_db, worker, code).ok
    assert totp.verify_code(demo_db, worker, code).ok is False  # replay
    assert totp.verify_code(demo_db, worker, _step_code(totp.DEMO_SECRET, +1)).ok  # drift
    assert totp.verify_code(demo_db, worker, _step_code(totp.DEMO_SECRET, -1)).ok is False
    assert totp.verify_code(demo_db, worker, _step_code(totp.DEMO_SECRET, +3)).ok is False
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    assert totp.verify_code(demo_db, supervisor, f" {code[:3]} {code[3:]} ").ok  # spaces ok


def test_recovery_codes_work_once_each(db, newcomer):
    secret = totp.new_secret()
    codes = totp.confirm_enrolment(db, newcomer, secret, _step_code(secret)).recovery_codes
    assert totp.unused_recovery_codes(db, newcomer) == 10
    assert totp.verify_code(db, newcomer, codes[0].upper()).ok
    assert totp.verify_code(db, newcomer, codes[0]).ok is False
    assert totp.verify_code(db, newcomer, codes[1].replace("-", "")).ok
    assert totp.unused_recovery_codes(db, newcomer) == 8
    other = _user(db, "toinen@example.org", "worker", "Toinen", password=PASSWORD)
    other_secret = totp.new_secret()
    totp.confirm_enrolment(db, other, other_secret, _step_code(other_secret))
    assert totp.verify_code(db, other, codes[2]).ok is False  # someone else's code


def test_verify_refuses_unenrolled_staff_and_guardians(db, newcomer):
    with pytest.raises(NotAllowed):
        totp.verify_code(db, newcomer, "123456")
    guardian = _user(db, "h@example.org", "guardian", "Hilla", password=PASSWORD)
    with pytest.raises(NotAllowed):
        totp.verify_code(db, guardian, "123456")


def test_wrong_codes_are_rate_limited_like_passwords_and_logged(demo_db, caplog):
    worker = user_by_email(demo_db, "worker@example.org")
    for _ in range(FREE_FAILURES):
        assert totp.verify_code(demo_db, worker, "000000", "10.0.0.7").ok is False
    failures = demo_db.exec(
        select(SignInAttempt).where(
            SignInAttempt.email == worker.email, col(SignInAttempt.success).is_(False)
        )
    ).all()
    assert len(failures) == FREE_FAILURES
    with caplog.at_level(logging.WARNING, logger="familywork.security"):
        result = totp.verify_code(demo_db, worker, totp.current_code(), "10.0.0.7")
    assert result.ok is False and result.wait_seconds >= 1
    message = caplog.records[-1].getMessage()
    assert "second factor" in message and "10.0.0.7" in message
    assert email_digest(worker.email) in message and worker.email not in message
    # The password step of the same account waits too.
    assert auth.authenticate(demo_db, worker.email, DEMO_PASSWORD, "10.0.0.7").wait_seconds >= 1


def test_password_limit_hits_are_logged_with_the_email_hash_and_address(demo_db, caplog):
    for _ in range(FREE_FAILURES):
        auth.authenticate(demo_db, "family@example.org", "wrong password!!", "10.0.0.8")
    with caplog.at_level(logging.WARNING, logger="familywork.security"):
        assert (
            auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, "10.0.0.8").wait_seconds
            >= 1
        )
    [record] = [r for r in caplog.records if r.name == "familywork.security"]
    assert record.levelno == logging.WARNING
    text = record.getMessage()
    assert "check=password" in text and "ip=10.0.0.8" in text
    assert email_digest("family@example.org") in text and "family@example.org" not in text
