"""The URLs behind call / text / email / open."""

from __future__ import annotations

import pytest

from crisisplan.core.actions import action_url, copyable_number, dial_string
from crisisplan.core.model import ContactMethod, MethodKind


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+44 7700 900123", "+447700900123"),
        ("116 123", "116123"),
        ("9-8-8", "988"),
        ("0044 20 7946 0321", "+442079460321"),
        ("(416) 555-0142", "4165550142"),
    ],
)
def test_dial_string(number: str, expected: str) -> None:
    assert dial_string(number) == expected


def test_call_and_text_urls() -> None:
    phone = ContactMethod(MethodKind.PHONE, "+44 7700 900123")
    sms = ContactMethod(MethodKind.SMS, "+44 7700 900123")
    assert action_url(phone, "ignored") == "tel:+447700900123"
    assert action_url(sms) == "sms:+447700900123"
    assert (
        action_url(sms, "I'm struggling, could you call me?")
        == "sms:+447700900123?body=I%27m%20struggling%2C%20could%20you%20call%20me%3F"
    )
    assert action_url(ContactMethod(MethodKind.SMS, "85258"), "SHOUT") == "sms:85258?body=SHOUT"


def test_email_and_web_urls() -> None:
    email = ContactMethod(MethodKind.EMAIL, "jo@samaritans.org")
    assert action_url(email) == "mailto:jo@samaritans.org"
    assert action_url(email, "Help & hello") == (
        "mailto:jo@samaritans.org?subject=I%27m%20struggling&body=Help%20%26%20hello"
    )
    web = ContactMethod(MethodKind.WEB, "https://example.org/chat")
    assert action_url(web) == "https://example.org/chat"
    assert action_url(ContactMethod(MethodKind.WEB, "javascript:alert(1)")) is None
    assert action_url(ContactMethod(MethodKind.OTHER, "Flat 3")) is None


def test_copyable_numbers() -> None:
    assert copyable_number(ContactMethod(MethodKind.PHONE, " 116 123 ")) == "116 123"
    assert copyable_number(ContactMethod(MethodKind.EMAIL, "a@b.org")) is None
