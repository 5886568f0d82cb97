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
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.model import Group, PlanDocument
from crisisplan.core.passphrase import passphrase_strength
from crisisplan.core.regions import FALLBACK, known_regions, starter_contacts
from crisisplan.resources import resource_path
from crisisplan.storage import Vault
from crisisplan.ui.workers import VaultTask

WELCOME = (
    "crisisplan keeps your safety plan and the people who support you in one encrypted "
    "file on this computer, at {path}. Nothing is ever sent anywhere, and only your "
    "passphrase opens it."
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

    def __init__(self, vault_path: Path, region: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self._task: VaultTask | None = None

        layout = QVBoxLayout(self)
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

        form = QFormLayout()
        self.region = QComboBox()
        self.region.setAccessibleName("Where you live")
        for info in known_regions():
            self.region.addItem(f"{info.name} (emergency {info.emergency})", info.code)
        self.region.addItem("Somewhere else (emergency 112)", FALLBACK)
        index = self.region.findData(region)
        self.region.setCurrentIndex(index if index >= 0 else 0)
        form.addRow("Where you live:", self.region)

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
        layout.addLayout(form)

        warning = QLabel(
            "Important: if you forget your passphrase, nobody can recover your plan — not "
            "even us. Write it down and keep it somewhere safe."
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)

        self.remember = QCheckBox(
            "Remember on this computer: open my plan here without the passphrase"
        )
        self.remember.setAccessibleName("Remember on this computer")
        self.remember.setChecked(False)  # opt-in: see docs/security.md
        layout.addWidget(self.remember)
        remember_trade_off = QLabel(
            "Then anyone who can use your account on this computer can open your plan too."
        )
        remember_trade_off.setWordWrap(True)
        self.remember.setAccessibleDescription(remember_trade_off.text())
        layout.addWidget(remember_trade_off)

        self.start_empty = QRadioButton("Start with an empty plan")
        self.start_empty.setAccessibleName("Start with an empty plan")
        self.start_example = QRadioButton(
            "Start with an example plan of made-up people, to see how it works"
        )
        self.start_example.setAccessibleName("Start with an example plan of made-up people")
        self.start_empty.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.start_empty)
        group.addButton(self.start_example)
        layout.addWidget(self.start_empty)
        layout.addWidget(self.start_example)

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
        self.message.setAccessibleName("Message")
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFocusProxy(self.passphrase)
        self._update()

    def _update(self) -> None:
        text = self.passphrase.text()
        strength = passphrase_strength(text)
        self.strength.setText(f"{strength.label}. {strength.advice}" if text else "")
        matches = bool(text) and text == self.confirm.text()
        if self.confirm.text() and not matches:
            self.message.setText("The two passphrases are not the same yet.")
        else:
            self.message.setText("")
        self.create_button.setEnabled(strength.acceptable and matches)

    def create_plan(self) -> None:
        """Create the vault off the GUI thread; `created` is emitted with it open."""
        passphrase = self.passphrase.text()
        if not self.create_button.isEnabled():
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
        return str(self.region.currentData())
