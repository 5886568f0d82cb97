"""The number dialled is the number written (issue 10, item 1).

Every example from the issue: an extension written three ways, letters, pauses, a
national "(0)" after a country code, and the short numbers crisis lines use.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplan.core.actions import action_url
from crisisplan.core.dialling import NotDiallable, describe_text, dial, text_keyword
from crisisplan.core.model import ContactMethod, MethodKind
from crisisplan.core.validation import phone_problem


@pytest.mark.parametrize(
    ("written", "region", "tel", "reads"),
    [
        (
            "+44 20 7946 0018 ext. 123",
            "GB",
            "tel:+442079460018;ext=123",
            "+44 20 7946 0018, then extension 123",
        ),
        (
            "+1 212-555-0187 x45",
            "US",
            "tel:+12125550187;ext=45",
            "+1 212-555-0187, then extension 45",
        ),
        (
            "tel:+1-418-656-9254;ext=102",  # as a vCard 4.0 TEL;VALUE=uri writes it
            "CA",
            "tel:+14186569254;ext=102",
            "+1 418-656-9254, then extension 102",
        ),
        (
            "+1-418-656-9254;ext=102",  # the same, as a vCard import stores it
            "CA",
            "tel:+14186569254;ext=102",
            "+1 418-656-9254, then extension 102",
        ),
        ("tel:0800543354;phone-context=+64", "NZ", "tel:+64800543354", "+64 800 543 354"),
        ("+1 800 FLOWERS", "US", "tel:+18003569377", "+1 800-356-9377"),
        (
            "+44 20 7946 0018,,123",
            "GB",
            "tel:+442079460018;ext=123",
            "+44 20 7946 0018, then extension 123",
        ),
        (
            "020 7946 0018 p123",
            "GB",
            "tel:+442079460018;ext=123",
            "020 7946 0018, then extension 123",
        ),
        ("020 7946 0018w1w2", "GB", "tel:+442079460018", "020 7946 0018, then press 1, then 2"),
        ("+44 (0)20 7946 0018", "GB", "tel:+442079460018", "+44 20 7946 0018"),
        ("+44(0)2079460018", "US", "tel:+442079460018", "+44 20 7946 0018"),
        ("0044 20 7946 0321", "GB", "tel:+442079460321", "+44 20 7946 0321"),
        ("07700 900123", "GB", "tel:+447700900123", "07700 900123"),
        # Short numbers and national-only numbers stay as they are dialled at home.
        ("116 123", "GB", "tel:116123", "116 123"),
        ("999", "GB", "tel:999", "999"),
        ("988", "US", "tel:988", "988"),
        ("999", "US", "tel:999", "999"),  # a short code elsewhere in +1: never "+1999"
        (
            "\u0660\u0667\u0667\u0660\u0660 900123",
            "GB",
            "tel:+447700900123",
            "07700 900123",
        ),  # any script's digits
        ("9-8-8", "CA", "tel:988", "9-8-8"),
        ("85258", "GB", "tel:85258", "85258"),
        ("13 11 14", "AU", "tel:131114", "13 11 14"),
        ("1800 247 247", "IE", "tel:1800247247", "1800 247 247"),
        ("1-800-668-6868", "CA", "tel:18006686868", "1-800-668-6868"),
    ],
)
def test_dial_examples(written: str, region: str, tel: str, reads: str) -> None:
    dialled = dial(written, region)
    assert dialled.tel_uri == tel
    assert dialled.reads == reads
    assert phone_problem(written, region) is None


def test_the_then_part_is_separate_from_the_display() -> None:
    dialled = dial("+44 20 7946 0018 ext. 123", "GB")
    assert dialled.display == "+44 20 7946 0018"
    assert dialled.then == "then extension 123"
    assert dialled.extension == "123"


def test_texts_carry_the_message_and_never_an_extension() -> None:
    assert dial("85258", "GB", "SHOUT").sms_uri == "sms:85258?body=SHOUT"
    assert dial("+44 7700 900123 x9", "GB", "I'm here").sms_uri == (
        "sms:+447700900123?body=I%27m%20here"
    )


def test_the_crisis_view_links_use_dial() -> None:
    phone = ContactMethod(MethodKind.PHONE, "+44 20 7946 0018 ext. 123")
    assert action_url(phone, region="GB") == "tel:+442079460018;ext=123"
    sms = ContactMethod(MethodKind.SMS, "686868")
    assert action_url(sms, "CONNECT", "CA") == "sms:686868?body=CONNECT"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (",,123", "starts with a pause"),
        ("call me", "is not a phone number"),
        ("12", "is not a phone number"),
        ("0800 123 4567,,ask for Sam", "only digits can be dialled after"),
        ("+44 1234567890123456789", "is not a phone number"),
    ],
)
def test_undiallable_values_are_refused_with_a_sentence(written: str, reason: str) -> None:
    with pytest.raises(NotDiallable, match=reason):
        dial(written, "GB")
    problem = phone_problem(written, "GB")
    assert problem is not None and reason in problem
    assert problem.startswith('"')


def test_without_a_region_a_national_number_is_dialled_as_written_but_not_accepted() -> None:
    assert dial("07700 900123", "").tel_uri == "tel:07700900123"
    assert "needs its country code" in (phone_problem("07700 900123", "ZZ") or "")


def test_text_keywords() -> None:
    assert text_keyword("SHOUT") == "SHOUT"
    assert text_keyword("I'm struggling, could you call me?") == ""
    assert describe_text("85258", "SHOUT") == "text SHOUT to 85258"
    assert describe_text("07700 900123", "Please call") == "text 07700 900123"


ALPHABET = "0123456789+-() .,;pwxPWX#*extTEL:=abc\u202e\u0660\u0667\uff10"


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("0123456789+-() .,;pwxPWX#*extTEL:=abc\u202e\u0660"), max_size=40
    ),
    st.sampled_from(["GB", "US", "JP", "", "ZZ"]),
)
def test_any_text_dials_cleanly_or_is_refused_with_a_sentence(text: str, region: str) -> None:
    try:
        dialled = dial(text, region, "SHOUT")
    except NotDiallable as problem:
        assert str(problem)
        return
    assert re.fullmatch(r"tel:\+?[0-9*#]+(;ext=[0-9]+)?", dialled.tel_uri), dialled
    assert dialled.sms_uri.startswith("sms:")
    assert dialled.display
