"""Paper sizes and the region's default, in PostScript points (1/72 inch)."""

from __future__ import annotations

from crisisplan.core.regions import region_info

MM = 72 / 25.4

PAPER_SIZES: dict[str, tuple[float, float]] = {
    "a4": (210 * MM, 297 * MM),
    "letter": (8.5 * 72, 11 * 72),
}
PAPER_NAMES: dict[str, str] = {"a4": "A4", "letter": "US Letter"}


def default_paper(region: str) -> str:
    """ "a4" or "letter": what people in `region` usually print on."""
    paper = region_info(region).paper
    return paper if paper in PAPER_SIZES else "a4"


def paper_size(paper: str) -> tuple[float, float]:
    """Width and height of `paper` in points; ValueError for an unknown name."""
    try:
        return PAPER_SIZES[paper]
    except KeyError:
        raise ValueError(
            f"Unknown paper size {paper!r}; use one of: {', '.join(PAPER_SIZES)}."
        ) from None
