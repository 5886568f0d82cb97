"""Printing from the app: paper and layout, what did not fit, a true-size card preview,
an atomic save, then the system viewer."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument, Section
from crisisplan.ui.print_dialog import PrintDialog, _points_to_screen_pixels
from crisisplan.ui.session import Session

MM = 72 / 25.4


class Opened:
    def __init__(self) -> None:
        self.urls: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url)
        return True


def make(qtbot: QtBot, document: PlanDocument, kind: str) -> tuple[PrintDialog, Opened]:
    opened = Opened()
    dialog = PrintDialog(document, kind, opener=opened)
    qtbot.addWidget(dialog)
    return dialog, opened


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    import io

    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


def test_plan_paper_defaults_by_region_and_can_change(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    dialog, opened = make(qtbot, session.document, "plan")
    assert dialog.paper_code == "a4"  # GB
    assert page_size_mm(dialog.pdf) == (210.0, 297.0)
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    assert page_size_mm(dialog.pdf) == (215.9, 279.4)
    assert "not encrypted" in " ".join(
        label.text() for label in dialog.findChildren(type(dialog.fit_message))
    )
    out = tmp_path / "plan.pdf"
    assert dialog.save_to(out)
    assert out.read_bytes() == dialog.pdf
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert [u.toLocalFile() for u in opened.urls] == [str(out)]


def test_card_preview_is_true_size_and_reports_what_did_not_fit(
    qtbot: QtBot, session: Session
) -> None:
    document = session.document
    crowded = dataclasses.replace(
        document,
        plan=dataclasses.replace(
            document.plan,
            sections={
                **document.plan.sections,
                Section.WARNING_SIGNS: tuple(f"A long warning sign number {i}" for i in range(40)),
            },
        ),
    )
    dialog, _ = make(qtbot, crowded, "card")
    assert dialog.did_not_fit
    assert "Not everything fitted" in dialog.fit_message.text()
    pixmap = dialog.preview.pixmap()
    scale = _points_to_screen_pixels(dialog)
    # Fold layout: one strip of two ID-1 panels, 171.2 × 53.98 mm.
    assert pixmap.width() == pytest.approx(171.2 * MM * scale, abs=2)
    assert pixmap.height() == pytest.approx(53.98 * MM * scale, abs=2)
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("duplex"))
    pixmap = dialog.preview.pixmap()
    assert pixmap.width() == pytest.approx(85.6 * MM * scale, abs=2)
    assert pixmap.height() > 2 * 53.98 * MM * scale  # front and back


def test_unwritable_destination_is_a_message_not_a_crash(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    dialog, opened = make(qtbot, session.document, "card")
    assert not dialog.save_to(tmp_path / "missing-folder" / "card.pdf")
    assert "could not be written" in dialog.fit_message.text()
    assert opened.urls == []
