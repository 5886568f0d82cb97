"""The full plan PDF, read back with pypdf, pdfplumber and poppler."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from crisisplan.core.model import SECTION_TITLES, PlanDocument, Section
from crisisplan.pdf import default_paper, render_plan
from tests.pdf.pdf_helpers import MM, catalog, fonts, info, plumber, poppler_text

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def example_pdf() -> bytes:
    from crisisplan.core import interchange
    from crisisplan.resources import resource_path

    document = interchange.loads(resource_path("example_plan.json").read_bytes())
    return render_plan(document, name="Zoë Łukasz", today=TODAY)


@pytest.mark.parametrize(("paper", "size_mm"), [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_page_size(
    example_document: PlanDocument, paper: str, size_mm: tuple[float, float]
) -> None:
    pdf = render_plan(example_document, paper=paper, today=TODAY)
    with plumber(pdf) as document:
        for page in document.pages:
            assert page.width == pytest.approx(size_mm[0] * MM, abs=0.01)
            assert page.height == pytest.approx(size_mm[1] * MM, abs=0.01)


def test_default_paper_follows_the_region() -> None:
    assert default_paper("GB") == "a4"
    assert default_paper("US") == "letter"
    assert default_paper("CA") == "letter"
    assert default_paper("ZZ") == "a4"


def test_unknown_paper_is_refused(example_document: PlanDocument) -> None:
    with pytest.raises(ValueError, match="paper"):
        render_plan(example_document, paper="a5")


def test_every_section_in_order_with_its_items(
    example_pdf: bytes, example_document: PlanDocument
) -> None:
    text = " ".join(poppler_text(example_pdf).split())
    headings = [
        "My safety plan",
        "1. Warning signs",
        "2. Things I can do on my own",
        "3. People and places that take my mind off things",
        "4. People I can ask for help",
        "5. Professionals and services",
        "6. Making my surroundings safer",
        SECTION_TITLES[Section.REASONS_FOR_LIVING],
        "For people helping me",
        SECTION_TITLES[Section.HELPS],
        SECTION_TITLES[Section.DOES_NOT_HELP],
        SECTION_TITLES[Section.DO_NOT_CONTACT],
        "Medical notes",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    for items in example_document.plan.sections.values():
        for item in items:
            assert " ".join(item.split()) in text
    assert "Sertraline 100 mg each morning. Allergic to penicillin." in text


def test_people_with_numbers_hours_and_groups(example_pdf: bytes) -> None:
    text = " ".join(poppler_text(example_pdf).split())
    people = text.index("4. People I can ask for help")
    professionals = text.index("5. Professionals and services")
    for name in ("Sam Okafor", "Priya Shah", "Daniel Reyes", "Thursday peer group"):
        assert people < text.index(name) < professionals
    for name in ("Dr Helen Marsh", "Tom Bradley", "Samaritans", "Shout"):
        assert text.index(name, professionals) > professionals
    assert "Call or text +44 7700 900123" in text
    assert (
        "Mon–Fri 18:00–22:30; Fri, Sat 22:00–02:00 overnight; Sat, Sun 09:00–21:00 (Europe/London)"
        in text
    )
    assert "Every day 07:00–23:00 (America/Toronto)" in text
    assert "Any time" in text
    assert "details checked 1 Oct 2026" in text


def test_emergency_number_dates_and_page_numbers(example_pdf: bytes) -> None:
    with plumber(example_pdf) as document:
        count = len(document.pages)
        assert count >= 2
        for number, page in enumerate(document.pages, start=1):
            words = " ".join((page.extract_text() or "").split())
            assert f"Page {number} of {count}" in words
            assert "In an emergency call 999" in words
    text = " ".join(poppler_text(example_pdf).split())
    assert "In an emergency, call 999" in text
    assert "Made 25 Nov 2026 · last reviewed 3 Nov 2026 · 6 of 6 steps filled" in text
    assert "Any time: Samaritans 116 123 · Shout text SHOUT to 85258" in text


def test_the_helpers_page_starts_a_new_page(example_pdf: bytes) -> None:
    with plumber(example_pdf) as document:
        starts = [(p.extract_text() or "").lstrip().startswith("For people helping me")
                  for p in document.pages]  # fmt: skip
    assert starts.count(True) == 1 and not starts[0]


def test_body_text_is_at_least_11_points(example_pdf: bytes) -> None:
    with plumber(example_pdf) as document:
        sizes = [c["size"] for page in document.pages for c in page.chars]
    assert sizes and min(sizes) >= 11 - 0.01
    assert max(sizes) >= 24  # a clear title


def test_metadata_holds_the_title_and_nothing_personal(example_pdf: bytes) -> None:
    metadata = info(example_pdf)
    assert set(metadata) == {"/Title", "/Producer"}
    assert metadata["/Title"] == "My safety plan"
    assert metadata["/Producer"] == "ReportLab"
    assert b"Zo\xc3\xab" not in example_pdf and b"Okafor" not in example_pdf  # compressed
    assert b"/Metadata" not in example_pdf
    assert catalog(example_pdf)["/Lang"] == "en-GB"


def test_the_name_is_on_the_page_only_when_given(
    example_document: PlanDocument, example_pdf: bytes
) -> None:
    assert "Zoë Łukasz" in poppler_text(example_pdf)
    nameless = render_plan(example_document, today=TODAY)
    assert "Zoë" not in poppler_text(nameless)


def test_every_font_is_embedded_and_subset(example_pdf: bytes) -> None:
    rows = fonts(example_pdf)
    assert rows
    for row in rows:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row
        assert "Helvetica" not in row["name"]


def test_output_is_deterministic(example_document: PlanDocument) -> None:
    assert render_plan(example_document, today=TODAY) == render_plan(example_document, today=TODAY)


def test_an_empty_plan_still_prints_every_heading_and_the_emergency_number() -> None:
    pdf = render_plan(PlanDocument(region="US"), today=TODAY)
    text = " ".join(poppler_text(pdf).split())
    assert "In an emergency, call 911" in text
    assert text.count("Nothing written here yet.") == 8
    assert text.count("Nobody added yet.") == 2
    assert "not reviewed yet" in text
    assert catalog(pdf)["/Lang"] == "en-US"


def test_a_very_long_plan_flows_onto_more_pages(example_document: PlanDocument) -> None:
    long_item = "A long item that goes on and on about what helps " * 40
    plan = dataclasses.replace(
        example_document.plan,
        sections={**example_document.plan.sections,
                  Section.WARNING_SIGNS: tuple(f"{i} {long_item}" for i in range(12))},
    )  # fmt: skip
    pdf = render_plan(dataclasses.replace(example_document, plan=plan), today=TODAY)
    with plumber(pdf) as document:
        assert len(document.pages) > 6
        for page in document.pages:
            for char in page.chars:  # nothing runs into the margins or the footer
                assert char["x0"] >= 19 * MM and char["x1"] <= page.width - 19 * MM
                assert char["top"] >= 17 * MM


def test_rotas_time_off_and_extra_times_are_printed() -> None:
    from pathlib import Path

    from crisisplan.core import interchange

    data = Path(__file__).parent.parent / "data" / "availability_v2.json"
    document = interchange.loads(data.read_bytes())
    text = " ".join(poppler_text(render_plan(document, today=TODAY)).split())
    assert (
        "Mon–Fri 18:00–22:30; Sun–Thu 22:00–06:00 overnight, every other week from the "
        "week of 7 Dec 2026 (Europe/London) · on holiday 21–28 Dec" in text
    )
    assert "away until 7 Dec; away for the weekend 15 Jan 2027 18:00–18 Jan 2027 09:00" in text
    assert "extra Sat 12 Dec 14:00–18:00" in text
    assert "first Wed of the month 19:00–21:00" in text
    assert "Any time · Night shift 3 Dec 19:30–4 Dec 08:00" in text
