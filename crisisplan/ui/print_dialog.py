"""Print my plan / Print wallet card: choose paper (and layout), see what did not fit,
preview the card at its real size, save the PDF, then open it in the system's viewer.

PDFs are not encrypted; the dialog says so before anything is written. Rendering is in
`crisisplan.pdf`; this module only shows it. The card preview is rasterised with
pdfium (pypdfium2) from the very PDF that will be saved.

Signals:
    saved(str): the path of the PDF that was written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.model import PlanDocument
from crisisplan.storage.atomic import write_atomically
from crisisplan.ui.screen_fit import fit_on_screen

Opener = Callable[[QUrl], bool]
NOT_ENCRYPTED = (
    "The PDF is not encrypted: anyone who can open the file can read it. Keep it somewhere "
    "private, and delete it when you no longer need it."
)
PAPERS = (("a4", "A4"), ("letter", "US Letter"))
LAYOUTS = (
    ("fold", "Fold in half (one-sided printing)"),
    ("duplex", "Front and back (two-sided printing)"),
)


class PrintDialog(QDialog):
    saved = Signal(str)

    def __init__(
        self,
        document: PlanDocument,
        kind: str,
        *,
        opener: Opener = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in ("plan", "card"):
            raise ValueError(f"unknown print kind {kind!r}")
        from crisisplan.pdf import default_paper

        self.kind = kind
        self._document = document
        self._opener = opener
        self.pdf: bytes = b""
        self.did_not_fit: list[str] = []
        self.setWindowTitle("Print my plan" if kind == "plan" else "Print wallet card")

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        for code, label in PAPERS:
            self.paper.addItem(label, code)
        self.paper.setCurrentIndex(self.paper.findData(default_paper(document.region)))
        form.addRow("&Paper:", self.paper)
        self.layout_choice = QComboBox()
        self.layout_choice.setAccessibleName("Card layout")
        for code, label in LAYOUTS:
            self.layout_choice.addItem(label, code)
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name on the plan (optional)")
        self.name.setPlaceholderText("optional")
        if kind == "card":
            form.addRow("&Layout:", self.layout_choice)
        else:
            form.addRow("Your &name on the plan:", self.name)
        layout.addLayout(form)

        warning = QLabel(NOT_ENCRYPTED)
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.fit_message = QLabel()
        self.fit_message.setWordWrap(True)
        self.fit_message.setAccessibleDescription("What did not fit")
        self.fit_message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.fit_message)

        self.preview = QLabel()
        self.preview.setAccessibleName("Preview of the card at actual size")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(260)
        if kind == "card":
            layout.addWidget(QLabel("The card at its actual size:"))
            layout.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton("&Save PDF and open it…")
        self.save_button.setAccessibleName("Save the PDF and open it")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_file)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.paper.currentIndexChanged.connect(self.refresh_pdf)
        self.layout_choice.currentIndexChanged.connect(self.refresh_pdf)
        self.name.editingFinished.connect(self.refresh_pdf)
        self.resize(760, 620 if kind == "card" else 320)
        self.refresh_pdf()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_on_screen(self)  # 760 px is past the edge of a 1366×768 screen at 200 %

    # --- rendering ----------------------------------------------------------------------

    @property
    def paper_code(self) -> str:
        return str(self.paper.currentData())

    @property
    def layout_code(self) -> str:
        return str(self.layout_choice.currentData())

    def refresh_pdf(self) -> None:
        from crisisplan.pdf import render_card, render_plan, unprintable_characters

        if self.kind == "plan":
            name = self.name.text().strip()
            self.pdf = render_plan(self._document, paper=self.paper_code, name=name)
            missing = unprintable_characters(self._document, name=name)
            self.did_not_fit = (
                [f"These characters have no printable font and show as “�”: {missing}"]
                if missing
                else []
            )
        else:
            result = render_card(self._document, layout=self.layout_code, paper=self.paper_code)
            self.pdf, self.did_not_fit = result.pdf, list(result.did_not_fit)
            self._show_card_preview()
        if self.did_not_fit:
            self.fit_message.setText("Not everything fitted:\n" + "\n".join(self.did_not_fit))
        else:
            self.fit_message.setText("Everything fitted.")

    def _show_card_preview(self) -> None:
        """The first card, front then back, at the size it will print."""
        import pypdfium2

        from crisisplan.pdf.card_sheet import sheet

        scale = _points_to_screen_pixels(self)
        layout = sheet(self.layout_code, self.paper_code)
        pdf = pypdfium2.PdfDocument(self.pdf)
        images = []
        try:
            for page_index in sorted({page for page, _ in layout.trims}):
                page = pdf[page_index]
                width, height = page.get_size()
                trim = next(rect for p, rect in layout.trims if p == page_index)
                crop = (trim.x, trim.y, width - trim.right, height - trim.top)
                bitmap = page.render(scale=scale, crop=crop, rev_byteorder=True)
                image = QImage(
                    bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                    QImage.Format.Format_RGB888 if bitmap.n_channels == 3
                    else QImage.Format.Format_RGBA8888,
                ).copy()  # fmt: skip
                images.append(image)
        finally:
            pdf.close()
        self.preview.setPixmap(QPixmap.fromImage(_stack(images)))

    # --- saving -------------------------------------------------------------------------

    def choose_file(self) -> QFileDialog:
        name = "my-safety-plan.pdf" if self.kind == "plan" else "my-wallet-card.pdf"
        dialog = QFileDialog(self, "Save the PDF (not encrypted)", str(Path.home() / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("PDF files (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.save_to(Path(chosen)))
        dialog.open()
        return dialog

    def save_to(self, path: Path) -> bool:
        """Write the PDF atomically, then open it with the system's viewer."""
        try:
            write_atomically(path, self.pdf)
        except OSError as error:
            reason = error.strerror or str(error)
            self.fit_message.setText(
                f"{path.name} could not be written ({reason}); nothing was saved."
            )
            return False
        self.saved.emit(str(path))
        self._opener(QUrl.fromLocalFile(str(path)))
        return True


def _points_to_screen_pixels(widget: QWidget) -> float:
    """PDF points → logical pixels so that a millimetre on paper is one on screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return 96 / 72
    per_inch = screen.physicalDotsPerInch() / max(screen.devicePixelRatio(), 1.0)
    if not 50 <= per_inch <= 600:  # a screen that does not know its size
        per_inch = screen.logicalDotsPerInch()
    return per_inch / 72


def _stack(images: list[QImage]) -> QImage:
    if len(images) == 1:
        return images[0]
    gap = 16
    width = max(i.width() for i in images)
    height = sum(i.height() for i in images) + gap * (len(images) - 1)
    combined = QImage(width, height, QImage.Format.Format_RGB888)
    combined.fill(Qt.GlobalColor.white)
    from PySide6.QtGui import QPainter

    painter = QPainter(combined)
    y = 0
    for image in images:
        painter.drawImage(0, y, image)
        y += image.height() + gap
    painter.end()
    return combined
