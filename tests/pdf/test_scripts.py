"""Every script a person might write in: real glyphs, embedded fonts, shaped and in order."""

from __future__ import annotations

import dataclasses
import io
import unicodedata

import pytest

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, PlanDocument, Section
from crisisplan.pdf import render_card, render_plan, unprintable_characters
from crisisplan.pdf.document import new_canvas
from crisisplan.pdf.text import Span, Style, text_engine
from tests.pdf.pdf_helpers import fonts, ink, poppler_text, pypdf_text, render

NAMES = "Zoë Łukasz Ελένη Дмитрий محمد שרה राम 李雷 김민준 ไทย"
WORDS = NAMES.split()
LEFT_TO_RIGHT = ["Zoë", "Łukasz", "Ελένη", "Дмитрий", "राम", "李雷", "김민준", "ไทย"]
EXPECTED_FONTS = {
    "NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansHebrew-Regular",
    "NotoSansDevanagari-Regular", "NotoSansThai-Regular", "WenQuanYiMicroHei", "Symbola",
}  # fmt: skip


@pytest.fixture(scope="module")
def world() -> PlanDocument:
    contacts = tuple(
        Contact(name=word, role="Friend", group=Group.FRIEND, on_card=True,
                methods=(ContactMethod(MethodKind.PHONE, f"+44 7700 90000{i}"),))
        for i, word in enumerate(WORDS[4:8])
    )  # fmt: skip
    sections = {
        Section.WARNING_SIGNS: (NAMES, "Feeling low 😔 and tired ☕"),
        Section.COPING_STRATEGIES: ("कुछ देर टहलना", "ฟังเพลงเบาๆ", "散步十分钟", "산책하기"),
        Section.REASONS_FOR_LIVING: ("عائلتي (my family) ❤",),
    }
    from crisisplan.core.model import Plan

    return PlanDocument(region="GB", plan=Plan(sections=sections), contacts=contacts)


@pytest.fixture(scope="module")
def plan_pdf(world: PlanDocument) -> bytes:
    return render_plan(world, name=NAMES)


@pytest.fixture(scope="module")
def card_pdf(world: PlanDocument) -> bytes:
    result = render_card(world)
    assert result.did_not_fit == []
    return result.pdf


def test_every_font_is_embedded_and_subset(plan_pdf: bytes, card_pdf: bytes) -> None:
    for pdf in (plan_pdf, card_pdf):
        rows = fonts(pdf)
        for row in rows:
            assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row
            assert row["type"] == "TrueType"
        names = {row["name"].split("+", 1)[1] for row in rows}
        assert not any("Helvetica" in name or "Times" in name for name in names)
    assert {row["name"].split("+", 1)[1] for row in fonts(plan_pdf)} == EXPECTED_FONTS


@pytest.mark.parametrize("word", LEFT_TO_RIGHT)
def test_left_to_right_scripts_extract_as_written(
    plan_pdf: bytes, card_pdf: bytes, word: str
) -> None:
    assert word in poppler_text(plan_pdf)
    if word in ("राम", "李雷", "김민준", "ไทย"):
        assert word in poppler_text(card_pdf)


@pytest.mark.parametrize("word", ["محمد", "שרה"])
def test_right_to_left_words_extract_with_their_letters_in_order(
    plan_pdf: bytes, word: str
) -> None:
    # pypdf reads the ToUnicode map: joined Arabic forms come back as presentation forms,
    # which NFKC turns into the person's letters, in logical order
    text = unicodedata.normalize("NFKC", pypdf_text(plan_pdf))
    assert word in text


def test_nothing_is_unprintable(world: PlanDocument) -> None:
    assert unprintable_characters(world, NAMES) == []
    assert unprintable_characters(world, "\U0001f970") == ["\U0001f970"]


def draw_samples(
    samples: list[str], size: float = 30
) -> tuple[bytes, list[tuple[float, float, float]]]:
    """One sample a line on an A4 page; returns the PDF and (x, baseline, width) per line."""
    engine = text_engine()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (595.0, 842.0), title="samples", lang="en")
    boxes = []
    y = 800.0
    for sample in samples:
        line = engine.layout([Span(sample, Style(size))], 500, direction="ltr").lines[0]
        engine.draw(canvas, line, 40, y, 500, "left")
        boxes.append((40.0, y, line.width))
        y -= size * 1.8
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), boxes


def test_every_word_has_ink_where_it_is_drawn() -> None:
    pdf, boxes = draw_samples(WORDS + ["😊", "✓"])
    image = render(pdf, dpi=72)  # one pixel a point
    height = image.height
    for word, (x, baseline, width) in zip(WORDS + ["😊", "✓"], boxes, strict=True):
        box = (x, height - baseline - 30, x + width, height - baseline + 8)
        dark = ink(image, box)
        assert dark > width * 2, f"{word!r} left almost no ink ({dark} px)"
        # and nothing outside its own line
        left_of = ink(image, (0, box[1], x - 2, box[3]))
        assert left_of == 0, word


def longest_stroke(pdf: bytes, baseline: float, x: float, width: float) -> float:
    """The longest unbroken horizontal stretch of ink near the baseline, as a share of
    the word's width: joined Arabic has one long connecting stroke, loose letters none."""
    image = render(pdf, dpi=144).convert("L")
    scale = 2
    base_row = round((842 - baseline) * scale)
    left, right = round(x * scale), round((x + width) * scale)
    longest = 0
    for row in range(base_row - 20, base_row + 4):
        run = 0
        for col in range(left, right + 1):
            value = image.getpixel((col, row))
            run = run + 1 if isinstance(value, int) and value < 128 else 0
            longest = max(longest, run)
    return longest / (right - left)


def test_arabic_letters_join_on_the_page() -> None:
    joined_pdf, [(x, baseline, width)] = draw_samples(["محمد"], size=40)
    apart_pdf, [(x2, baseline2, width2)] = draw_samples(["م ح م د"], size=40)
    joined = longest_stroke(joined_pdf, baseline, x, width)
    apart = longest_stroke(apart_pdf, baseline2, x2, width2)
    assert joined > 0.25 and joined > 2 * apart


def test_hebrew_first_letter_is_on_the_right_on_the_page() -> None:
    # ש (shin) is much wider in ink than ה (he) has at its top-left; compare halves of
    # the word against the letters drawn alone
    word_pdf, [(x, baseline, width)] = draw_samples(["שה"], size=40)
    image = render(word_pdf, dpi=72)
    top, bottom = 842 - baseline - 34, 842 - baseline + 2
    left = ink(image, (x, top, x + width / 2, bottom))
    right = ink(image, (x + width / 2, top, x + width, bottom))
    shin_pdf, [(sx, _, sw)] = draw_samples(["ש"], size=40)
    he_pdf, [(hx, _, hw)] = draw_samples(["ה"], size=40)
    shin = ink(render(shin_pdf, dpi=72), (sx, top, sx + sw, bottom))
    he = ink(render(he_pdf, dpi=72), (hx, top, hx + hw, bottom))
    assert shin != he
    # the half holding ש has about ש's ink: ש is on the right
    assert abs(right - shin) < abs(left - shin)
    assert abs(left - he) < abs(right - he)


def test_a_plan_in_arabic_only_is_right_to_left(world: PlanDocument) -> None:
    plan = dataclasses.replace(
        world.plan, sections={Section.WARNING_SIGNS: ("لا أرد على الرسائل لأكثر من يوم",)}
    )
    pdf = render_plan(dataclasses.replace(world, plan=plan))
    text = unicodedata.normalize("NFKC", pypdf_text(pdf))
    for word in ["لا", "أرد", "على", "الرسائل"]:
        assert word in text
