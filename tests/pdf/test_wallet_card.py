"""The wallet card sheet: geometry to 0.1 mm, what goes on the card, shrinking and cutting."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import pytest

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, PlanDocument, Section
from crisisplan.pdf import CardResult, render_card
from crisisplan.pdf.card_sheet import CARD_HEIGHT, CARD_WIDTH, MARK_LENGTH, sheet
from crisisplan.pdf.wallet_card import PADDING, on_card_people
from tests.pdf.pdf_helpers import MM, TOLERANCE, catalog, fonts, info, plumber, poppler_text

PAPERS = {"a4": (210 * MM, 297 * MM), "letter": (215.9 * MM, 279.4 * MM)}
LAYOUT_PAPER = list(itertools.product(("fold", "duplex"), ("a4", "letter")))


def marks(page: Any) -> list[dict[str, Any]]:
    """Solid 3 mm hairlines: the crop marks (fold marks are dashed, checked apart)."""
    found = []
    for line in page.lines:
        length = abs(line["x1"] - line["x0"]) + abs(line["bottom"] - line["top"])
        if abs(length - MARK_LENGTH) < 0.01 and not line.get("dash"):
            found.append(line)
    return found


def trims_from_marks(page: Any) -> list[tuple[float, float, float, float]]:
    """The cut rectangles the crop marks point at, found from the marks alone:
    (left, bottom, right, top) in points from the bottom-left corner."""
    height = page.height
    vertical = [m for m in marks(page) if abs(m["x1"] - m["x0"]) < 0.01]
    horizontal = [m for m in marks(page) if abs(m["bottom"] - m["top"]) < 0.01]
    xs = sorted({round(m["x0"], 2) for m in vertical})
    ys = sorted({round(height - m["top"], 2) for m in horizontal})
    # a trim's left and right edges are consecutive x positions of vertical marks
    rectangles = []
    for left, right in zip(xs[::2], xs[1::2], strict=True):
        for bottom, top in zip(ys[::2], ys[1::2], strict=True):
            rectangles.append((left, bottom, right, top))
    return rectangles


@pytest.fixture(scope="module")
def cards(request: Any) -> dict[tuple[str, str], CardResult]:
    from crisisplan.core import interchange
    from crisisplan.resources import resource_path

    document = interchange.loads(resource_path("example_plan.json").read_bytes())
    return {(layout, paper): render_card(document, layout=layout, paper=paper)
            for layout, paper in LAYOUT_PAPER}  # fmt: skip


@pytest.mark.parametrize(("layout", "paper"), LAYOUT_PAPER)
def test_page_size_and_count(
    cards: dict[tuple[str, str], CardResult], layout: str, paper: str
) -> None:
    with plumber(cards[layout, paper].pdf) as document:
        assert len(document.pages) == (1 if layout == "fold" else 2)
        for page in document.pages:
            assert (page.width, page.height) == pytest.approx(PAPERS[paper], abs=0.01)


@pytest.mark.parametrize(("layout", "paper"), LAYOUT_PAPER)
def test_crop_marks_frame_id1_cards_to_a_tenth_of_a_millimetre(
    cards: dict[tuple[str, str], CardResult], layout: str, paper: str
) -> None:
    unit_width = 171.2 if layout == "fold" else 85.60
    with plumber(cards[layout, paper].pdf) as document:
        for page in document.pages:
            trims = trims_from_marks(page)
            assert len(trims) == (4 if layout == "fold" else 8)
            for left, bottom, right, top in trims:
                assert right - left == pytest.approx(unit_width * MM, abs=TOLERANCE)
                assert top - bottom == pytest.approx(53.98 * MM, abs=TOLERANCE)
                # everything on the sheet is inside the paper with a printer's margin
                assert left - 5 * MM > 5 * MM and right + 5 * MM < page.width - 5 * MM
                assert bottom - 5 * MM > 5 * MM and top + 5 * MM < page.height - 5 * MM
            assert len(marks(page)) == 8 * len(trims)


@pytest.mark.parametrize(("layout", "paper"), LAYOUT_PAPER)
def test_marks_are_outside_every_card(
    cards: dict[tuple[str, str], CardResult], layout: str, paper: str
) -> None:
    with plumber(cards[layout, paper].pdf) as document:
        for page in document.pages:
            trims = trims_from_marks(page)
            for line in page.lines:
                x0, x1 = sorted((line["x0"], line["x1"]))
                y0, y1 = sorted((page.height - line["bottom"], page.height - line["top"]))
                if line.get("dash") or (line["stroking_color"] not in ((0,), (0, 0, 0), [0])):
                    continue
                if x1 - x0 > 40 * MM:  # the 50 mm check bar, above the cards
                    continue
                for left, bottom, right, top in trims:
                    overlaps = (
                        x0 < right - 0.01
                        and x1 > left + 0.01
                        and y0 < top - 0.01
                        and y1 > bottom + 0.01
                    )
                    assert not overlaps, (line, (left, bottom, right, top))
                    # and no mark touches the trim: at least 1.5 mm away
                    # and no mark comes nearer than 1.5 mm to a card's edge
                    gap = max(left - x1, x0 - right, bottom - y1, y0 - top)
                    assert gap >= 1.5 * MM - TOLERANCE, (line, (left, bottom, right, top))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_fold_marks_sit_on_the_centre_line(
    cards: dict[tuple[str, str], CardResult], paper: str
) -> None:
    with plumber(cards["fold", paper].pdf) as document:
        page = document.pages[0]
        trims = trims_from_marks(page)
        dashed = [line for line in page.lines if line.get("dash")]
        for left, bottom, right, top in trims:
            centre = (left + right) / 2
            assert centre - left == pytest.approx(85.60 * MM, abs=TOLERANCE)
            here = [line for line in dashed if abs(line["x0"] - centre) < TOLERANCE
                    and abs(line["x1"] - centre) < TOLERANCE]  # fmt: skip
            above = [ln for ln in here if page.height - ln["bottom"] >= top + 1.5 * MM - TOLERANCE]
            below = [ln for ln in here if page.height - ln["top"] <= bottom - 1.5 * MM + TOLERANCE]
            assert above and below


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_duplex_backs_are_mirrored_for_a_long_edge_flip(
    cards: dict[tuple[str, str], CardResult], paper: str
) -> None:
    with plumber(cards["duplex", paper].pdf) as document:
        width = document.pages[0].width
        fronts = trims_from_marks(document.pages[0])
        backs = trims_from_marks(document.pages[1])
    mirrored = sorted((round(width - r, 1), round(b, 1), round(width - l, 1), round(t, 1))
                      for l, b, r, t in fronts)  # noqa: E741  # fmt: skip
    assert mirrored == sorted(tuple(round(v, 1) for v in back) for back in backs)
    # and each slot's back is its front's mirror image
    layout = sheet("duplex", paper)
    for slot in layout.slots:
        assert slot.back.x == pytest.approx(width - slot.front.right, abs=0.01)
        assert slot.back.y == pytest.approx(slot.front.y, abs=0.01)


@pytest.mark.parametrize(("layout", "paper"), LAYOUT_PAPER)
def test_card_text_stays_inside_the_safe_area(
    cards: dict[tuple[str, str], CardResult], layout: str, paper: str
) -> None:
    geometry = sheet(layout, paper)
    with plumber(cards[layout, paper].pdf) as document:
        for number, page in enumerate(document.pages):
            panels = [s.front for s in geometry.slots if s.front_page == number]
            panels += [s.back for s in geometry.slots if s.back_page == number]
            grid_top = max(p.top for p in panels)
            for char in page.chars:
                bottom = page.height - char["bottom"]
                if bottom > grid_top:  # the printing note above the cards
                    continue
                inside = [p for p in panels if p.x + PADDING - 0.5 <= char["x0"]
                          and char["x1"] <= p.right - PADDING + 0.5
                          and p.y + PADDING - 2 <= bottom
                          and page.height - char["top"] <= p.top - PADDING + 0.5]  # fmt: skip
                assert inside, char["text"]


def test_print_at_actual_size(cards: dict[tuple[str, str], CardResult]) -> None:
    for (layout, _paper), result in cards.items():
        preferences = catalog(result.pdf)["/ViewerPreferences"]
        assert preferences["/PrintScaling"] == "/None"
        if layout == "duplex":
            assert preferences["/Duplex"] == "/DuplexFlipLongEdge"
        text = poppler_text(result.pdf)
        assert "Print at 100 %" in text and "Actual size" in text
        assert "50 mm" in text


def test_only_people_marked_for_the_card_appear(
    cards: dict[tuple[str, str], CardResult], example_document: PlanDocument
) -> None:
    text = poppler_text(cards["fold", "a4"].pdf)
    for contact in example_document.contacts:
        if contact.on_card:
            assert contact.name in text
        else:
            assert contact.name not in text
    assert [c.name for c in on_card_people(example_document)] == [
        "Sam Okafor", "Priya Shah", "Dr Helen Marsh",
    ]  # fmt: skip


def test_front_and_back_hold_what_they_should(cards: dict[tuple[str, str], CardResult]) -> None:
    result = cards["fold", "a4"]
    assert result.did_not_fit == []
    text = " ".join(poppler_text(result.pdf).split())
    for words in ("If I'm struggling", "Emergency 999", "+44 7700 900123", "text SHOUT to 85258",
                  "116 123", "Warning signs", "Things to try", "A reason for living",
                  "Seeing my niece grow up", "Hold an ice cube"):  # fmt: skip
        assert words in text
    assert "My dog" not in text  # one reason for living, the first
    # people in the person's order
    assert text.index("Sam Okafor") < text.index("Priya Shah") < text.index("Dr Helen Marsh")


def test_metadata_and_fonts(cards: dict[tuple[str, str], CardResult]) -> None:
    for result in cards.values():
        assert set(info(result.pdf)) == {"/Title", "/Producer"}
        for row in fonts(result.pdf):
            assert (row["emb"], row["sub"]) == ("yes", "yes")


def font_sizes(pdf: bytes) -> list[tuple[str, float]]:
    with plumber(pdf) as document:
        geometry_top = max(s.front.top for s in sheet("fold", "a4").slots)
        page = document.pages[0]
        return [(c["text"], c["size"]) for c in page.chars
                if page.height - c["bottom"] <= geometry_top]  # fmt: skip


def with_back(document: PlanDocument, items: int, words: int) -> PlanDocument:
    item = " ".join(["steady"] * words)
    sections = {
        **document.plan.sections,
        Section.WARNING_SIGNS: tuple(f"sign {i} {item}" for i in range(items)),
        Section.COPING_STRATEGIES: tuple(f"try {i} {item}" for i in range(items)),
    }
    return dataclasses.replace(document, plan=dataclasses.replace(document.plan, sections=sections))


def test_text_shrinks_to_fit_before_anything_is_cut(example_document: PlanDocument) -> None:
    regular = font_sizes(render_card(example_document).pdf)
    fuller = render_card(with_back(example_document, 6, 5))
    assert fuller.did_not_fit == []
    sizes = [size for _, size in font_sizes(fuller.pdf)]
    assert min(sizes) < min(size for _, size in regular)
    assert min(sizes) >= 6.5 - 0.01
    assert "\u2026" not in poppler_text(fuller.pdf)


def test_too_much_text_is_cut_visibly_and_reported(example_document: PlanDocument) -> None:
    result = render_card(with_back(example_document, 12, 12))
    text = poppler_text(result.pdf)
    assert "\u2026" in text
    sizes = font_sizes(result.pdf)
    assert min(size for _, size in sizes) >= 6.5 - 0.01
    # phone numbers never below 8 pt
    number_chars = [size for char, size in sizes if char.isdigit()]
    assert number_chars and min(number_chars) >= 6.5 - 0.01
    assert any("Warning signs" in s and "shortened" in s for s in result.did_not_fit) or any(
        "Things to try" in s for s in result.did_not_fit
    )
    for sentence in result.did_not_fit:
        assert sentence.startswith(("Front of the card", "Back of the card"))
        assert sentence.endswith(".")


def many_people(document: PlanDocument, count: int) -> PlanDocument:
    people = tuple(
        Contact(name=f"Person {chr(65 + i)} with a fairly long name", role="Neighbour",
                group=Group.FRIEND, on_card=True,
                methods=(ContactMethod(MethodKind.PHONE, f"+44 7700 9{i:05d}"),))
        for i in range(count)
    )  # fmt: skip
    return dataclasses.replace(document, contacts=people + document.contacts)


def test_people_who_do_not_fit_are_left_out_whole_and_named(example_document: PlanDocument) -> None:
    document = many_people(example_document, 14)
    result = render_card(document)
    text = " ".join(poppler_text(result.pdf).split())
    shown = [c for c in on_card_people(document) if c.name in text]
    left_out = [c for c in on_card_people(document) if c.name not in text]
    assert shown and left_out
    assert shown == on_card_people(document)[: len(shown)]  # the first ones, in order
    for contact in shown:  # a number is never cut
        number = contact.methods[0].value
        assert number in text
    assert f"\u2026 and {len(left_out)} more in my safety plan" in text
    sentence = next(s for s in result.did_not_fit if "people" in s)
    assert f"{len(left_out)} of the {len(on_card_people(document))} people" in sentence
    for contact in left_out:
        assert contact.name in sentence
    # the crisis lines are kept: they answer at any hour
    assert "Samaritans" in text and "116 123" in text
    with plumber(result.pdf) as pdf:
        page = pdf.pages[0]
        digits = [c for c in page.chars if c["text"].isdigit() and c["fontname"].endswith("Bold")]
        assert min(c["size"] for c in digits) >= 8 - 0.01


def test_an_empty_plan_prints_a_card_with_the_emergency_number() -> None:
    result = render_card(PlanDocument(region="US"), layout="duplex", paper="letter")
    text = poppler_text(result.pdf)
    assert "Emergency 911" in " ".join(text.split())
    assert "Write your warning signs" in text
    assert result.did_not_fit == []


def test_unknown_layout_is_refused(example_document: PlanDocument) -> None:
    with pytest.raises(ValueError, match="layout"):
        render_card(example_document, layout="tri-fold")


def test_panel_geometry_constants() -> None:
    assert pytest.approx(85.60 * MM) == CARD_WIDTH
    assert pytest.approx(53.98 * MM) == CARD_HEIGHT
