"""First run: what is private and where it is kept, region, passphrase, then create.

Signals:
    created(object): the new, opened `Vault`.
    rememberRequested(str): (just before `created`) the person ticked "remember on this
        computer"; the argument is the passphrase, from which the key is derived.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.model import Group, PlanDocument
from crisisplan.core.passphrase import passphrase_strength
from crisisplan.core.regions import (
    known_regions,
    region_from_locale,
    region_info,
    starter_contacts,
)
from crisisplan.resources import resource_path
from crisisplan.storage import Vault
from crisisplan.ui.workers import VaultTask

WELCOME = (
    "crisisplan keeps your safety plan and the people who support you in one encrypted "
    "file on this computer, at {path}. Nothing is ever sent anywhere, and only your "
    "passphrase opens it."
)
NO_REGION = (
    "Choose where you live, so that crisisplan shows the right emergency number. "
    "Your computer's language settings do not say which country you are in."
)


def example_document(region: str) -> PlanDocument:
    """The fictional example plan, with this region's crisis lines in place of its own."""
    from crisisplan.core import interchange

    example = interchange.loads(resource_path("example_plan.json").read_bytes())
    people = tuple(c for c in example.contacts if c.group is not Group.CRISIS_LINE)
    return PlanDocument(
        region=region, plan=example.plan, contacts=people + starter_contacts(region)
    )


class FirstRunPage(QWidget):
    created = Signal(object)
    rememberRequested = Signal(str)

    def __init__(
        self, vault_path: Path, region: str | None = None, parent: QWidget | None = None
    ) -> None:
        """`region`: the one already chosen (settings), else the system locale's."""
        super().__init__(parent)
        self.vault_path = vault_path
        self._task: VaultTask | None = None

        # The page scrolls instead of squeezing: at 200 % in a small window its rows would
        # otherwise be pressed together and their text cut. The scroll area takes no Tab
        # stop of its own, and brings each field into view as Tab reaches it.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(48, 32, 48, 32)
        title = QLabel("Welcome")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        layout.addWidget(title)
        welcome = QLabel(WELCOME.format(path=vault_path))
        welcome.setWordWrap(True)
        welcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(welcome)

        form = self._form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: field below
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("New passphrase")
        self.passphrase.textChanged.connect(self._update)
        form.addRow("Choose a passphrase:", self.passphrase)
        self.strength = QLabel()
        self.strength.setAccessibleName("Passphrase strength")
        self.strength.setWordWrap(True)
        form.addRow("", self.strength)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName("Passphrase again")
        self.confirm.textChanged.connect(self._update)
        self.confirm.returnPressed.connect(self.create_plan)
        form.addRow("Type it again:", self.confirm)

        # Where you live: after the passphrase, so the forward Tab order reaches it, and
        # preselected from the system locale (never from the first entry of the list).
        self.region = QComboBox()
        self.region.setAccessibleName("Where you live")
        self.region.setPlaceholderText("Choose your country")
        # As narrow as the window needs (long names are elided), so the page never needs a
        # sideways scroll; the open list still shows them in full.
        self.region.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.region.setMinimumContentsLength(16)
        for info in known_regions():
            self.region.addItem(info.emergency_label(), info.code)
        chosen = region or region_from_locale()
        self.region.setCurrentIndex(self.region.findData(chosen) if chosen else -1)
        self.region.currentIndexChanged.connect(self._update)
        form.addRow("Where you live:", self.region)
        self.emergency_sentence = QLabel()
        self.emergency_sentence.setWordWrap(True)
        self.emergency_sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.emergency_sentence.setAccessibleName("Emergency number")
        form.addRow("", self.emergency_sentence)
        layout.addLayout(form)

        warning = QLabel(
            "Important: if you forget your passphrase, nobody can recover your plan — not "
            "even us. Write it down and keep it somewhere safe."
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)

        # Check box and radio texts do not wrap: they stay short and the explanation under
        # each one wraps, so a narrow window at 200 % needs no sideways scroll.
        self.remember = QCheckBox("Remember on this computer")
        self.remember.setAccessibleName("Remember on this computer")
        self.remember.setChecked(False)  # opt-in: see docs/security.md
        layout.addWidget(self.remember)
        remember_trade_off = QLabel(
            "Open my plan here without the passphrase. Then anyone who can use your account "
            "on this computer can open your plan too."
        )
        remember_trade_off.setWordWrap(True)
        self.remember.setAccessibleDescription(remember_trade_off.text())
        layout.addWidget(remember_trade_off)

        self.start_empty = QRadioButton("Start with an empty plan")
        self.start_empty.setAccessibleName("Start with an empty plan")
        self.start_example = QRadioButton("Start with an example plan")
        self.start_example.setAccessibleName("Start with an example plan of made-up people")
        example_note = QLabel("Its people are made up; it shows how crisisplan works.")
        example_note.setWordWrap(True)
        self.start_example.setAccessibleDescription(example_note.text())
        self.start_empty.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.start_empty)
        group.addButton(self.start_example)
        layout.addWidget(self.start_empty)
        layout.addWidget(self.start_example)
        layout.addWidget(example_note)

        self.create_button = QPushButton("Create my plan")
        self.create_button.setAccessibleName("Create my plan")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_plan)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Creating your plan")
        self.busy.setMaximumWidth(480)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Message")  # the name stays the visible text
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFocusProxy(self.passphrase)
        # Visual order is Tab order: passphrase, again, where you live, remember, how to
        # start, Create.
        QWidget.setTabOrder(self.passphrase, self.confirm)
        QWidget.setTabOrder(self.confirm, self.region)
        QWidget.setTabOrder(self.region, self.remember)
        QWidget.setTabOrder(self.remember, self.start_empty)
        QWidget.setTabOrder(self.start_empty, self.start_example)
        QWidget.setTabOrder(self.start_example, self.create_button)
        self._update()

    def _update(self) -> None:
        text = self.passphrase.text()
        strength = passphrase_strength(text)
        self.strength.setText(f"{strength.label}. {strength.advice}" if text else "")
        self._form.setRowVisible(self.strength, bool(text))  # no blank gap before typing
        matches = bool(text) and text == self.confirm.text()
        code = self.region.currentData()
        sentence = region_info(str(code)).emergency_sentence() if code else NO_REGION
        self.emergency_sentence.setText(sentence if code else "")
        self.emergency_sentence.setVisible(bool(code))  # the reason is said beside Create
        self.region.setAccessibleDescription(sentence)
        if self.confirm.text() and not matches:
            self.message.setText("The two passphrases are not the same yet.")
        elif not code and text:
            self.message.setText(NO_REGION)
        else:
            self.message.setText("")
        ready = strength.acceptable and matches and bool(code)
        self.create_button.setEnabled(ready)
        why = "" if ready else self._why_not(strength.acceptable, matches)
        self.create_button.setToolTip(why)
        self.create_button.setAccessibleDescription(why)
        if why and not self.message.text():
            self.message.setText(why)  # a disabled Create says why where it can be seen

    def _why_not(self, strong_enough: bool, matches: bool) -> str:
        """Why "Create my plan" is disabled, in one sentence."""
        if not self.passphrase.text():
            return "Choose a passphrase first."
        if not strong_enough:
            return "Choose a longer or less common passphrase first."
        if not matches:
            return "Type the same passphrase twice first."
        return NO_REGION

    def create_plan(self) -> None:
        """Create the vault off the GUI thread; `created` is emitted with it open."""
        passphrase = self.passphrase.text()
        if not self.create_button.isEnabled():
            return
        if not self.region.currentData():
            self.message.setText(NO_REGION)
            self.region.setFocus()
            return
        region = str(self.region.currentData())
        example = self.start_example.isChecked()
        path = self.vault_path

        def work() -> Vault:
            vault = Vault.create(path, passphrase, region, starter_contacts(region))
            if example:
                vault.replace(example_document(region))
            return vault

        self.busy.show()
        self.create_button.setEnabled(False)
        self._task = VaultTask(work, self)
        self._task.opened.connect(self._on_created)
        self._task.failed.connect(self._on_failed)
        self._task.start()

    def _on_created(self, vault: Vault) -> None:
        self.busy.hide()
        if self.remember.isChecked():
            self.rememberRequested.emit(self.passphrase.text())
        self.passphrase.clear()
        self.confirm.clear()
        self.created.emit(vault)

    def _on_failed(self, message: str) -> None:
        self.busy.hide()
        self.message.setText(message)
        self._update()

    @property
    def chosen_region(self) -> str:
        return str(self.region.currentData() or "")
