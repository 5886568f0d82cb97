"""The JSON interchange format: round trips, canonical bytes and every-problem reports."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from crisisplan.core import interchange
from crisisplan.core.interchange import InterchangeError
from crisisplan.core.model import (
    LAST_WEEK_OF_MONTH,
    ExtraTime,
    Group,
    MethodKind,
    PlanDocument,
    TimeOff,
    Weekday,
)
from crisisplan.resources import resource_path

DATA = Path(__file__).parent.parent / "data"


def issue_example() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((DATA / "issue_example.json").read_text("utf-8"))
    return result


def problems_of(raw: object) -> list[str]:
    with pytest.raises(InterchangeError) as caught:
        interchange.loads(json.dumps(raw).encode())
    return [str(p) for p in caught.value.problems]


def test_issue_example_imports() -> None:
    document = interchange.loads((DATA / "issue_example.json").read_bytes())
    assert document.region == "GB"
    (sam,) = document.contacts
    assert sam.group is Group.FAMILY
    assert [m.kind for m in sam.methods] == [MethodKind.PHONE, MethodKind.SMS]
    assert sam.windows[1].days == (Weekday.FRI, Weekday.SAT)
    assert sam.windows[1].overnight
    assert str(document.plan.reviewed_on) == "2026-11-03"


@pytest.mark.parametrize("name", ["availability_v2.json", "example_plan.json"])
def test_export_import_export_is_byte_identical(name: str) -> None:
    source = DATA / name if (DATA / name).exists() else resource_path(name)
    first = interchange.dumps(interchange.loads(source.read_bytes()))
    second = interchange.dumps(interchange.loads(first))
    assert first == second
    assert first.endswith(b"\n") and not first.endswith(b"\n\n")
    # Export keeps every value given: the canonical form equals the input, as JSON.
    assert json.loads(first) == json.loads(source.read_bytes())


def test_export_is_utf8_not_escaped(example_document: PlanDocument) -> None:
    raw = interchange.to_json_object(example_document)
    raw["plan"]["warning_signs"] = ["Zoë Łukasz Ελένη محمد 李雷 😊"]
    data = interchange.dumps(interchange.loads(json.dumps(raw).encode()))
    assert "Zoë Łukasz Ελένη محمد 李雷 😊".encode() in data


def test_key_order_is_the_documented_order(example_document: PlanDocument) -> None:
    raw = json.loads(interchange.dumps(example_document))
    assert list(raw) == ["format", "version", "region", "plan", "contacts"]
    assert list(raw["plan"]) == list(interchange.PLAN_KEYS)
    assert list(raw["contacts"][0]) == list(interchange.CONTACT_KEYS)


def test_unknown_optional_fields_are_kept() -> None:
    raw = issue_example()
    raw["written_by"] = "a newer crisisplan"
    raw["plan"]["favourite_song"] = "Here Comes the Sun"
    raw["contacts"][0]["pronouns"] = "she/her"
    document = interchange.loads(json.dumps(raw).encode())
    again = json.loads(interchange.dumps(document))
    assert again["written_by"] == "a newer crisisplan"
    assert again["plan"]["favourite_song"] == "Here Comes the Sun"
    assert again["contacts"][0]["pronouns"] == "she/her"


def test_every_problem_is_reported_with_its_path() -> None:
    raw = issue_example()
    contact = raw["contacts"][0]
    raw["contacts"] = [contact, copy.deepcopy(contact), copy.deepcopy(contact)]
    raw["contacts"][2]["windows"][0]["start"] = "25:00"
    raw["contacts"][1]["time_zone"] = "Mars/Olympus_Mons"
    raw["contacts"][1]["methods"][0] = {"kind": "web", "value": "javascript:alert(1)"}
    raw["contacts"][0]["away_until"] = "2026-02-30"
    raw["plan"]["warning_signs"] = ["fine", 42]
    problems = problems_of(raw)
    assert 'contacts[2].windows[0].start: "25:00" is not a time of day (use 24-hour HH:MM)' in (
        problems
    )
    assert 'contacts[0].away_until: "2026-02-30" is not a date (use YYYY-MM-DD)' in problems
    assert "plan.warning_signs[1]: should be text, not the number 42" in problems
    assert (
        "contacts[1].methods[0].value: javascript: links are not allowed; use a link starting "
        "with https://"
    ) in problems
    assert (
        'contacts[1].time_zone: "Mars/Olympus_Mons" is not a known time zone (use a name like '
        "Europe/London)"
    ) in problems
    assert len(problems) == 5


def test_broken_entries_do_not_shift_later_paths() -> None:
    raw = issue_example()
    contact = raw["contacts"][0]
    contact["windows"] = ["not a window", {"days": ["mon"], "start": "9", "end": "10:00"},
                          {"days": [], "start": "09:00", "end": "10:00"}]  # fmt: skip
    contact["methods"] = [7, {"kind": "email", "value": "nobody"}]
    raw["contacts"] = ["not a contact", contact]
    raw["plan"]["helps"] = [None, ""]
    assert problems_of(raw) == [
        "plan.helps[0]: should be text, not null",
        'contacts[0]: should be an object {…}, not the text "not a contact"',
        "contacts[1].methods[0]: should be an object {…}, not the number 7",
        'contacts[1].windows[0]: should be an object {…}, not the text "not a window"',
        'contacts[1].windows[1].start: "9" is not a time of day (use 24-hour HH:MM)',
        "plan.helps[1]: is empty",
        'contacts[1].methods[1].value: "nobody" is not an email address',
        "contacts[1].windows[2].days: needs at least one day",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r.update(format="something-else"), "format: should be"),
        (lambda r: r.update(version=3), "from a newer crisisplan"),
        (lambda r: r.update(version="1"), "version:"),
        (lambda r: r.pop("plan"), "plan: is missing"),
        (lambda r: r.update(contacts={}), "contacts: should be a list"),
        (lambda r: r.update(region="XX"), "region:"),
        (lambda r: r["contacts"][0].pop("name"), "contacts[0].name: is missing"),
        (lambda r: r["contacts"][0].update(name="   "), "contacts[0].name: is empty"),
        (lambda r: r["contacts"][0].update(group="enemy"), "contacts[0].group:"),
        (lambda r: r["contacts"][0].update(profession="wizard"), "contacts[0].profession:"),
        (lambda r: r["contacts"][0].update(agreed="yes"), "contacts[0].agreed: should be true"),
        (lambda r: r["contacts"][0]["windows"][0].update(days=[]), "needs at least one day"),
        (lambda r: r["contacts"][0]["windows"][0].update(days=["mon", "mon"]), "a day twice"),
        (lambda r: r["contacts"][0]["windows"][0].update(days=["funday"]), "days[0]:"),
        (lambda r: r["contacts"][0]["windows"][0].update(end="9am"), "windows[0].end:"),
        (lambda r: r["contacts"][0]["windows"][0].update(colour="red"), "is not a field"),
        (lambda r: r["contacts"][0]["methods"][0].update(kind="pigeon"), "methods[0].kind:"),
        (lambda r: r["contacts"][0]["methods"][0].update(value="call me"), "not a phone"),
        (lambda r: r["contacts"][0]["methods"].append({"kind": "web", "value": "file:///etc"}),
         "file: links are not allowed"),
        (lambda r: r["contacts"][0]["methods"].append({"kind": "web", "value": "data:text/html,x"}),
         "data: links are not allowed"),
        (lambda r: r["contacts"][0]["methods"].append({"kind": "email", "value": "nobody"}),
         "not an email address"),
        (lambda r: r["contacts"][0].update(name="a\x07b"), "control character (U+0007)"),
        (lambda r: r["contacts"][0].update(notes="x" * 100_000), "100,000 characters long"),
        (lambda r: r["plan"].update(reviewed_on="03/11/2026"), "plan.reviewed_on:"),
        (lambda r: r["contacts"][0].update(time_off=[{"to": "9999-12-31"}]),
         "time_off[0].to: is too far"),
        (lambda r: r["plan"].update(warning_signs=[""]), "plan.warning_signs[0]: is empty"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_a_clear_problem(change: Any, expected: str) -> None:
    raw = issue_example()
    change(raw)
    problems = problems_of(raw)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "not valid JSON"),
        (b"{", "not valid JSON: a field name is not in double quotes (line 1, column 2)"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "should be an object"),
        (b'{"format": "crisisplan-plan", "format": "x"}', "appears twice"),
        (b'{"format": "crisisplan-plan", "version": NaN}', "NaN is not a number a plan file"),
        (b"[" * 100_000 + b"]" * 100_000, "nests lists and objects more than 32 deep"),
    ],
)
def test_malformed_files(data: bytes, expected: str) -> None:
    with pytest.raises(InterchangeError) as caught:
        interchange.loads(data)
    assert expected in str(caught.value)


def test_lone_surrogates_are_refused() -> None:
    raw = issue_example()
    text = json.dumps(raw).replace('"Sam"', '"Sam \\ud800"')
    with pytest.raises(InterchangeError, match="lone surrogate"):
        interchange.loads(text.encode())


def test_sql_metacharacters_rtl_and_emoji_are_just_text() -> None:
    raw = issue_example()
    odd = "Robert'); DROP TABLE contacts;-- שרה محمد 😊 %_\\"
    raw["contacts"][0]["name"] = odd
    raw["plan"]["helps"] = [odd]
    document = interchange.loads(json.dumps(raw).encode())
    assert document.contacts[0].name == odd


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(InterchangeError, match="at most 20 MB"):
        interchange.loads(b" " * (interchange.MAX_FILE_BYTES + 1))


def test_json_schema_accepts_exports_and_rejects_bad_values(
    example_document: PlanDocument,
) -> None:
    schema = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(interchange.dumps(example_document)))
    validator.validate(issue_example())
    bad = issue_example()
    bad["contacts"][0]["windows"][0]["start"] = "25:00"
    assert list(validator.iter_errors(bad))
    bad = issue_example()
    bad["contacts"][0]["group"] = "enemy"
    assert list(validator.iter_errors(bad))


def test_version_1_files_import_and_their_away_until_becomes_time_off() -> None:
    raw = issue_example()
    assert raw["version"] == 1
    raw["contacts"][0]["away_until"] = "2026-12-07"
    (sam,) = interchange.loads(json.dumps(raw).encode()).contacts
    assert sam.time_off == (TimeOff(to_day=dt.date(2026, 12, 7), to_time=dt.time()),)
    assert sam.extra_times == ()
    assert "away_until" not in sam.extra
    out = json.loads(interchange.dumps(interchange.loads(json.dumps(raw).encode())))
    assert out["version"] == 2
    assert "away_until" not in out["contacts"][0]
    assert out["contacts"][0]["time_off"] == [
        {"from": None, "to": "2026-12-07T00:00", "reason": "", "source": ""}
    ]
    # Everything else passes through unchanged.
    del raw["contacts"][0]["away_until"]
    for contact in (raw["contacts"][0], out["contacts"][0]):
        for window in contact["windows"]:
            for key in ("every_weeks", "from_week", "week_of_month"):
                window.pop(key, None)
        contact.pop("time_off", None)
        contact.pop("extra_times", None)
    del raw["version"], out["version"]
    assert out == raw


def test_version_2_fields_are_read() -> None:
    document = interchange.loads((DATA / "availability_v2.json").read_bytes())
    sam, priya, group, jo = document.contacts
    nights = sam.windows[1]
    assert (nights.every_weeks, nights.from_week) == (2, dt.date(2026, 12, 7))
    assert sam.time_off == (
        TimeOff(to_day=dt.date(2026, 12, 28), from_day=dt.date(2026, 12, 21), reason="on holiday"),
    )
    assert priya.extra_times == (ExtraTime(dt.date(2026, 12, 12), dt.time(14), dt.time(18)),)
    assert priya.time_off[1].from_time == dt.time(18)
    assert group.windows[0].week_of_month == 1
    assert jo.time_off[0].source == "calendar:rota.ics"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c["windows"][0].update(every_weeks=5),
         "windows[0].every_weeks: should be 1 to 4"),
        (lambda c: c["windows"][0].update(every_weeks=2), "windows[0].from_week: is needed"),
        (lambda c: c["windows"][0].update(every_weeks="2"),
         "every_weeks: should be a whole number"),
        (lambda c: c["windows"][0].update(week_of_month=5), "week_of_month: should be 1 to 4"),
        (lambda c: c.update(time_off=[{"from": "2026-12-09", "to": "2026-12-08"}]),
         "time_off[0].to: should be after the start"),
        (lambda c: c.update(time_off=[{"to": "2026-12-08T25:00"}]),
         'time_off[0].to: "2026-12-08T25:00" is not a day or a day and time'),
        (lambda c: c.update(time_off=[{"from": "2026-12-01"}]), "time_off[0].to: is missing"),
        (lambda c: c.update(time_off=[{"to": "2026-12-08", "why": "x"}]),
         "time_off[0].why: is not a field this version knows"),
        (lambda c: c.update(time_off=[{"to": "2026-12-08", "reason": "x" * 81}]),
         "time_off[0].reason: is 81 characters long"),
        (lambda c: c.update(extra_times=[{"day": "2026-12-12", "start": "14:00"}]),
         "extra_times[0].end: is missing"),
        (lambda c: c.update(extra_times=[{"day": None, "start": "14:00", "end": "15:00"}]),
         "extra_times[0].day: should be a date"),
    ],
)  # fmt: skip
def test_bad_availability_is_refused_with_its_path(change: Any, expected: str) -> None:
    raw = json.loads((DATA / "availability_v2.json").read_text("utf-8"))
    change(raw["contacts"][0])
    problems = problems_of(raw)
    assert any(expected in problem for problem in problems), problems


def test_json_schema_knows_version_2(example_document: PlanDocument) -> None:
    schema = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads((DATA / "availability_v2.json").read_text("utf-8")))
    bad = json.loads((DATA / "availability_v2.json").read_text("utf-8"))
    bad["contacts"][0]["windows"][1]["every_weeks"] = 5
    assert list(validator.iter_errors(bad))
    bad = json.loads((DATA / "availability_v2.json").read_text("utf-8"))
    bad["contacts"][0]["time_off"][0]["to"] = "21 Dec"
    assert list(validator.iter_errors(bad))
    assert LAST_WEEK_OF_MONTH in schema["$defs"]["window"]["properties"]["week_of_month"]["enum"]
