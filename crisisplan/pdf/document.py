"""A ReportLab canvas set up the way every crisisplan PDF needs it.

- Metadata: the title and nothing else a person wrote. ReportLab always writes Author
  "anonymous", Subject "unspecified", dates and its own name; we write Title and a neutral
  Producer only, and `invariant` output (fixed /ID, no clock time), so that the file says
  nothing about who made it or when beyond what is printed on the page.
- `/Lang` in the catalogue, for screen readers and text-to-speech.
- The initial font is Noto Sans, so that no page refers to an unembedded Helvetica.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfbase import pdfdoc  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from crisisplan.pdf.fonts import LATIN, font_book

PRODUCER = "ReportLab"


class _TitleOnlyInfo(pdfdoc.PDFInfo):  # type: ignore[misc]
    """The document information dictionary with the title and a neutral producer only."""

    def format(self, document: Any) -> bytes:
        entries = {
            "Title": pdfdoc.PDFString(self.title),
            "Producer": pdfdoc.PDFString(PRODUCER),
        }
        result: bytes = pdfdoc.PDFDictionary(entries).format(document)
        return result


def language_tag(region: str) -> str:
    """The BCP 47 tag of the printed text: our words are English, spelled as in the region."""
    code = region.upper()
    return f"en-{code}" if len(code) == 2 and code.isalpha() else "en"


def new_canvas(buffer: io.BytesIO, page_size: tuple[float, float], *, title: str, lang: str) -> Any:
    """A canvas writing into `buffer`, with fonts ready, metadata and language set."""
    font_book()  # registers the Latin faces before the canvas asks for its initial font
    canvas = Canvas(
        buffer,
        pagesize=page_size,
        invariant=1,
        initialFontName=LATIN,
        initialFontSize=11,
        lang=lang,
        pageCompression=1,
    )
    info = _TitleOnlyInfo()
    info.title = title
    canvas._doc.info = info
    canvas.setTitle(title)
    return canvas
