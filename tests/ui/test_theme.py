"""Every text colour in the crisis view meets WCAG AAA (7:1), light and dark."""

from __future__ import annotations

import pytest

from crisisplan.ui.theme import DARK, LIGHT, CrisisColours, contrast_ratio


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_pair_is_at_least_7_to_1(colours: CrisisColours) -> None:
    for name, foreground, background in colours.text_pairs():
        ratio = contrast_ratio(foreground, background)
        assert ratio >= 7.0, f"{name}: {ratio:.2f}:1"
    # The emergency button swaps the bar's colours.
    assert contrast_ratio(colours.emergency_background, colours.emergency_text) >= 7.0
