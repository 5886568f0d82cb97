"""The text engine: faces per script, direction, shaping, line breaking and cutting."""

from __future__ import annotations

import unicodedata

import pytest

from crisisplan.pdf import fonts
from crisisplan.pdf.text import ELLIPSIS, Span, Style, TextEngine, text_engine

STYLE = Style(12)


@pytest.fixture(scope="module")
def engine() -> TextEngine:
    return text_engine()


def visual_text(engine: TextEngine, text: str, direction: str = "auto") -> list[str]:
    laid = engine.layout([Span(text, STYLE)], 10_000, direction=direction)  # type: ignore[arg-type]
    return [p.text for p in laid.lines[0].pieces if not p.is_space]


@pytest.mark.parametrize(
    ("text", "face"),
    [
        ("Zoë", fonts.LATIN),
        ("Ελένη", fonts.LATIN),
        ("Дмитрий", fonts.LATIN),
        ("محمد", fonts.ARABIC),
        ("שרה", fonts.HEBREW),
        ("राम", fonts.DEVANAGARI),
        ("李雷", fonts.CJK),
        ("김민준", fonts.CJK),
        ("ไทย", fonts.THAI),
        ("😊", fonts.SYMBOLS),
        ("✓", fonts.SYMBOLS),
    ],
)
def test_each_script_gets_a_face_that_has_its_glyphs(text: str, face: str) -> None:
    book = fonts.font_book()
    previous = None
    for char in text:
        chosen = book.face_for(char, previous)
        assert chosen == face
        assert book.has(chosen, ord(char))
        previous = chosen


def test_spaces_and_punctuation_stay_in_the_face_around_them() -> None:
    book = fonts.font_book()
    assert book.face_for(" ", fonts.ARABIC) == fonts.ARABIC
    assert book.face_for("،", fonts.ARABIC) == fonts.ARABIC
    assert book.face_for("(", fonts.ARABIC) == fonts.LATIN  # Noto Sans Arabic has no "("


def test_a_character_no_font_has_is_replaced_and_reported(engine: TextEngine) -> None:
    # U+1F970 (smiling face with hearts) is newer than Symbola's Unicode 9
    laid = engine.layout([Span("Hi \U0001f970 there", STYLE)], 500)
    assert laid.missing == {"\U0001f970"}
    text = "".join(p.text for p in laid.lines[0].pieces)
    assert fonts.REPLACEMENT in text
    assert not fonts.font_book().printable("\U0001f970")
    assert fonts.font_book().printable("\u200d")  # invisible joiners are fine


def test_right_to_left_words_read_right_to_left_inside_an_english_line(
    engine: TextEngine,
) -> None:
    pieces = visual_text(engine, "Call محمد and שרה now", direction="ltr")
    assert pieces[0] == "Call"
    assert pieces[-1] == "now"
    # both RTL words keep their logical text per piece; the Hebrew one stays in place
    assert "محمد" in pieces and "שרה" in pieces
    assert pieces.index("محمد") < pieces.index("and") < pieces.index("שרה")


def test_two_rtl_words_in_a_row_swap_places(engine: TextEngine) -> None:
    pieces = visual_text(engine, "Zoë محمد שרה राम", direction="ltr")
    assert pieces == ["Zoë", "שרה", "محمد", "राम"]


def test_an_arabic_paragraph_is_right_to_left_and_right_aligned(engine: TextEngine) -> None:
    laid = engine.layout([Span("مرحبا بك يا محمد 123", STYLE)], 500)
    line = laid.lines[0]
    assert line.rtl
    pieces = [p.text for p in line.pieces if not p.is_space]
    assert pieces[0] == "123" and pieces[-1] == "مرحبا"  # leftmost first


def test_arabic_letters_are_joined(engine: TextEngine) -> None:
    joined = engine.layout([Span("محمد", STYLE)], 500).lines[0]
    piece = joined.pieces[0]
    assert piece.glyphs is not None
    # joined forms are not the isolated letters' code points
    drawn = [g.char for g in piece.glyphs]
    isolated: list[str] = []
    for letter in "محمد":
        alone = engine.layout([Span(letter, STYLE)], 500).lines[0].pieces[0]
        assert alone.glyphs is not None
        isolated.extend(g.char for g in alone.glyphs)
    assert len(drawn) == 4
    assert drawn != isolated[::-1]  # contextual forms, not the isolated letters
    # and they still read back as the person's letters (right to left, NFKC)
    readable = "".join(fonts.alias_text(ord(c)) or c for c in drawn)
    assert unicodedata.normalize("NFKC", readable)[::-1] == "محمد"


def test_hebrew_is_drawn_right_to_left(engine: TextEngine) -> None:
    piece = engine.layout([Span("שרה", STYLE)], 500).lines[0].pieces[0]
    assert piece.glyphs is not None
    assert "".join(g.char for g in piece.glyphs) == "הרש"


def test_devanagari_vowel_sign_i_is_reordered_before_its_consonant(engine: TextEngine) -> None:
    piece = engine.layout([Span("कि", STYLE)], 500).lines[0].pieces[0]
    assert piece.glyphs is not None
    first, second = (g.char for g in piece.glyphs)
    assert second == "क"
    assert (fonts.alias_text(ord(first)) or first) == "ि"


def test_lines_never_exceed_the_width(engine: TextEngine) -> None:
    text = "Hold an ice cube and breathe slowly for two minutes " * 6
    laid = engine.layout([Span(text, STYLE)], 150)
    assert len(laid.lines) > 5
    assert all(line.width <= 150 + 1e-6 for line in laid.lines)
    joined = " ".join("".join(p.text for p in sorted(line.pieces, key=lambda p: p.start))
                      for line in laid.lines)  # fmt: skip
    assert " ".join(joined.split()) == " ".join(text.split())


def test_a_word_longer_than_the_line_is_split(engine: TextEngine) -> None:
    laid = engine.layout([Span("https://example.org/" + "x" * 80, STYLE)], 100)
    assert len(laid.lines) > 2
    assert all(line.width <= 100 + 1e-6 for line in laid.lines)


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation(
    engine: TextEngine,
) -> None:
    text = "李雷和韩梅梅是好朋友。我们一起去学校吧，好吗？"
    laid = engine.layout([Span(text, STYLE)], 60)
    assert len(laid.lines) > 3
    for line in laid.lines:
        first = min(line.pieces, key=lambda p: p.start).text[0]
        assert first not in "。，？"


def test_cutting_ends_with_a_visible_ellipsis_that_fits(engine: TextEngine) -> None:
    text = "Not answering messages for more than a day · Lying awake going over thoughts " * 4
    laid = engine.layout([Span(text, STYLE)], 160, max_lines=2)
    assert laid.cut
    assert len(laid.lines) == 2
    last = laid.lines[-1]
    assert last.pieces[-1].text.endswith(ELLIPSIS)
    assert last.width <= 160 + 1e-6


def test_text_that_fits_is_not_cut(engine: TextEngine) -> None:
    laid = engine.layout([Span("Short", STYLE)], 160, max_lines=1)
    assert not laid.cut
    assert ELLIPSIS not in laid.lines[0].pieces[-1].text


def test_bold_uses_the_bold_face_for_latin_and_synthetic_bold_elsewhere(
    engine: TextEngine,
) -> None:
    bold = Style(12, bold=True)
    pieces = engine.layout([Span("Sam محمد", bold)], 500, direction="ltr").lines[0].pieces
    faces = {p.text: (p.face, p.fake_bold) for p in pieces if not p.is_space}
    assert faces["Sam"] == (fonts.LATIN_BOLD, False)
    assert faces["محمد"] == (fonts.ARABIC, True)
