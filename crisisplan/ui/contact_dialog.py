"""Add or edit one person or service in the support system: every field of `Contact`.

Problems are shown next to the field as the person types (a `javascript:` link, a
mistyped number, a day-less time window) and OK stays disabled until none is left; the
whole contact is checked again with `validate_contact` on accept, the same check the
JSON and vCard imports use. The dialog is shown with `open()` (non-blocking); read the
result with `contact()` after `accepted`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimeZone, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.dialling import NotDiallable, dial
from crisisplan.core.model import (
    GROUP_LABELS,
    PROFESSION_LABELS,
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Profession,
)
from crisisplan.core.regions import region_info
from crisisplan.core.validation import (
    LATEST_DATE,
    known_time_zones,
    method_problem,
    time_zone_problem,
    validate_contact,
)
from crisisplan.ui.accessibility import announce, hidden_label
from crisisplan.ui.availability_editor import AvailabilityEditor, insert_in_tab_order
from crisisplan.ui.screen_fit import fit_on_screen
from crisisplan.ui.time_off_editor import TimeOffEditor
from crisisplan.ui.unsaved import DiscardGuard

METHOD_LABELS: dict[MethodKind, str] = {
    MethodKind.PHONE: "Phone call",
    MethodKind.SMS: "Text message",
    MethodKind.EMAIL: "Email",
    MethodKind.WEB: "Web or chat link",
    MethodKind.OTHER: "Other",
}
METHOD_PLACEHOLDERS: dict[MethodKind, str] = {
    MethodKind.PHONE: "Number, e.g. 07700 900123 or +44 7700 900123",
    MethodKind.SMS: "Mobile number, e.g. 07700 900123",
    MethodKind.EMAIL: "Address, e.g. sam@example.org",
    MethodKind.WEB: "Link starting with https://",
    MethodKind.OTHER: "Anything else, e.g. a chat name",
}
# The contact's fields as the dialog labels them, for the list of problems.
FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "role": "Role",
    "helps_with": "What they can help with",
    "message": "Ready message",
    "notes": "Notes",
    "methods": "Ways to reach them",
    "time_zone": "Time zone",
    "time_off": "Time off",
    "extra_times": "Extra times",
    "windows": "Time windows",
}
ROW_LABELS = {
    "methods": "Way to reach them",
    "windows": "Time window",
    "time_off": "Time off",
    "extra_times": "Extra time",
}
# Validation messages that start with a verb need a subject ("Name is empty").
_VERBS = {"is", "has", "contains", "needs", "lists"}
_DATE_FORMAT = "d MMM yyyy"
# Problems listed above the buttons; more are counted ("…and 3 more").
PROBLEMS_SHOWN = 4


def _system_zone_id() -> str:
    """The computer's IANA zone name as Qt reads it (TZ, /etc/localtime, the registry)."""
    return bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", errors="replace")


def default_time_zone(region: str) -> str:
    """The zone a new contact starts in: the computer's, else the region's, else UTC."""
    for candidate in (_system_zone_id(), region_info(region).time_zone):
        if candidate in known_time_zones():
            return candidate
    return "UTC"


def _sentence(path: str, message: str) -> str:
    """`name`, `is empty` → "Name is empty."; the dialog's label, not the JSON path."""
    field, _, index = path.partition("[")
    label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
    if index:
        label = f"{ROW_LABELS.get(field, label)} {int(index.split(']')[0]) + 1}"
    joiner = " " if message.split(" ")[0] in _VERBS else ": "
    return _full_stop(f"{label}{joiner}{message}")


def _standalone(message: str) -> str:
    """A validation message shown on its own beside its field: "is empty" → "This is empty."."""
    # Not capitalised otherwise: the message may start with a link's scheme ("javascript:").
    if message.split(" ")[0] in _VERBS:
        message = f"This {message}"
    return _full_stop(message)


def _full_stop(text: str) -> str:
    # Not after a link ("… starting with https://"), where a dot would read as part of it.
    return text + "." if text[-1].isalnum() or text[-1] in ')"' else text


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class MethodRow(QFrame):
    """One way to reach someone: kind, value, remove, and the problem with it, if any.

    Signals:
        changed(): the kind or the value changed.
        removeRequested(): the Remove button was pressed.
    """

    changed = Signal()
    removeRequested = Signal()

    def __init__(self, method: ContactMethod, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = region
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        fields = QHBoxLayout()
        self.kind_combo = QComboBox()
        for kind, label in METHOD_LABELS.items():
            self.kind_combo.addItem(label, kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(method.kind.value))
        self.value_edit = QLineEdit(method.value)
        self.value_edit.setClearButtonEnabled(True)
        self.remove_button = QPushButton("Remove")
        fields.addWidget(self.kind_combo)
        fields.addWidget(self.value_edit, 1)
        fields.addWidget(self.remove_button)
        layout.addLayout(fields)
        self.kind_label = hidden_label(self.kind_combo)  # the combo's name on Linux
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.problem_label)
        # What the Call/Text button will really dial, as the person types: the same
        # dial() as the crisis view, so "ext. 123", "(0)" and letters hold no surprise.
        self.dials_label = QLabel()
        self.dials_label.setWordWrap(True)
        self.dials_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dials_label.setProperty("role", "muted")
        layout.addWidget(self.dials_label)
        self.kind_combo.currentIndexChanged.connect(self._on_changed)
        self.value_edit.textChanged.connect(self._on_changed)
        self.value_edit.editingFinished.connect(self._announce_problem)
        self.remove_button.clicked.connect(self.removeRequested)
        self.set_number(1)
        self._update()

    @property
    def kind(self) -> MethodKind:
        return MethodKind(self.kind_combo.currentData())

    def set_number(self, number: int) -> None:
        """Name the controls after the row's place, for screen readers."""
        where = f"way to reach them {number}"
        self.kind_combo.setAccessibleName(f"Kind, {where}")
        self.kind_label.setText(f"Kind, {where}")
        self.value_edit.setAccessibleName(f"Number, address or link, {where}")
        self.remove_button.setAccessibleName(f"Remove {where}")

    def focusable_widgets(self) -> list[QWidget]:
        return [self.kind_combo, self.value_edit, self.remove_button]

    def is_empty(self) -> bool:
        return not self.value_edit.text().strip()

    def method(self) -> ContactMethod:
        return ContactMethod(self.kind, self.value_edit.text().strip())

    def problem(self) -> str | None:
        """Why the value cannot be used; an empty row is left out, which is no problem."""
        if self.is_empty():
            return None
        message = method_problem(self.kind, self.value_edit.text().strip(), self._region)
        return None if message is None else _standalone(message)

    def _on_changed(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self.value_edit.setPlaceholderText(METHOD_PLACEHOLDERS[self.kind])
        problem = self.problem()
        # A sign and words, never colour alone.
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.problem_label.setVisible(problem is not None)
        dials = "" if problem else self.dials_text()
        self.dials_label.setText(dials)
        self.dials_label.setVisible(bool(dials))
        self.value_edit.setAccessibleDescription(problem or dials)

    def dials_text(self) -> str:
        """ "This dials: +44 20 7946 0018, then extension 123" for a call or text row."""
        if self.is_empty() or self.kind not in (MethodKind.PHONE, MethodKind.SMS):
            return ""
        try:
            dialled = dial(self.value_edit.text(), self._region)
        except NotDiallable:
            return ""
        if self.kind is MethodKind.SMS:
            return f"This texts: {dialled.display}"
        return f"This dials: {dialled.reads}"

    def _announce_problem(self) -> None:
        """Said once the person leaves the field (not at each key): the problem, if any."""
        problem = self.problem()
        if problem:
            announce(self, problem)


class MethodsEditor(QWidget):
    """The ways to reach someone, in the order they should be tried.

    Signals:
        changed(): a row was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = region
        self.setAccessibleName("Ways to reach them")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        self.add_button = QPushButton("Add a way to reach them")
        self.add_button.setAccessibleName("Add a way to reach them")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self._add_clicked)
        layout.addWidget(self.add_button)
        self.rows: list[MethodRow] = []

    def set_methods(self, methods: tuple[ContactMethod, ...]) -> None:
        for row in list(self.rows):
            self._remove(row)
        for method in methods:
            self.add_method(method)

    def add_method(self, method: ContactMethod | None = None) -> MethodRow:
        row = MethodRow(method or ContactMethod(MethodKind.PHONE, ""), self._region, self)
        row.changed.connect(self.changed)
        row.removeRequested.connect(lambda: self._remove(row, refocus=True))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        row.set_number(len(self.rows))
        insert_in_tab_order(row.focusable_widgets(), self.add_button)
        if self.isVisible():
            row.show()
        self.changed.emit()
        return row

    def methods_with_rows(self) -> list[tuple[int, ContactMethod]]:
        """The filled-in rows as (row number from 1, method); empty rows are left out."""
        return [
            (number, row.method())
            for number, row in enumerate(self.rows, start=1)
            if not row.is_empty()
        ]

    def _add_clicked(self) -> None:
        self.add_method().value_edit.setFocus()

    def _remove(self, row: MethodRow, *, refocus: bool = False) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        for number, remaining in enumerate(self.rows, start=1):
            remaining.set_number(number)
        if refocus:
            # Keep the keyboard user here instead of dropping focus to the window.
            if self.rows:
                self.rows[min(index, len(self.rows) - 1)].value_edit.setFocus()
            else:
                self.add_button.setFocus()
        self.changed.emit()


class OptionalDate(QWidget):
    """A date that may be unset: a check box that enables a date field.

    Signals:
        changed(): ticked, unticked, or the date changed.
    """

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        name = label.replace("&", "")
        self.check.setAccessibleName(name)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(_DATE_FORMAT)
        self.date_edit.setMaximumDate(_qdate(LATEST_DATE - dt.timedelta(days=1)))
        self.date_edit.setAccessibleName(f"{name}: date")
        self.date_edit.setDate(_qdate(dt.date.today()))
        self.date_edit.setEnabled(False)
        layout.addWidget(self.check)
        layout.addWidget(self.date_edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.date_edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.date_edit.dateChanged.connect(self.changed)

    def value(self) -> dt.date | None:
        return _date(self.date_edit.date()) if self.check.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        if value is not None:
            self.date_edit.setDate(_qdate(value))
        self.check.setChecked(value is not None)


class ContactDialog(QDialog):
    """Add or edit one contact; read the result with `contact()` once accepted.

    Args:
        region: the vault's region, for reading national phone numbers.
        contact: the contact to edit, or None to add one.
        default_group: the group a new contact starts in.
    """

    def __init__(
        self,
        region: str,
        contact: Contact | None = None,
        parent: QWidget | None = None,
        *,
        default_group: Group = Group.FRIEND,
    ) -> None:
        super().__init__(parent)
        self._region = region
        self._original = contact
        # No names in window titles: they show in task bars and screen sharing.
        self.setWindowTitle("Edit a person" if contact else "Add a person")
        self.setAccessibleName(self.windowTitle())
        if contact is None:
            contact = Contact(
                name="",
                group=default_group,
                methods=(ContactMethod(MethodKind.PHONE, ""),),
                time_zone=default_time_zone(region),
            )
        self._build()
        self._load(contact)
        self._connect()
        self._update_enabled()
        self._fit_to_screen()
        self.name_edit.setFocus()
        self._as_loaded = self.contact()  # what Esc or Cancel may close without asking
        self.discard_guard = DiscardGuard(self, self.has_changes, self._what)

    def has_changes(self) -> bool:
        """Whether the dialog shows anything other than what it opened with."""
        return self.contact() != self._as_loaded

    def _what(self) -> str:
        """Who the changes are to, for "Discard the changes to …?"."""
        name = self.name_edit.text().strip() or (self._original.name if self._original else "")
        return name or "this new person"

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop itself: it scrolls to whichever field gets the focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)

        who = QGroupBox("Who they are")
        who_form = QFormLayout(who)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Sam, or the name of a service")
        self.role_edit = QLineEdit()
        self.role_edit.setPlaceholderText("e.g. Sister, GP, neighbour")
        self.group_combo = QComboBox()
        for group, label in GROUP_LABELS.items():
            self.group_combo.addItem(label, group.value)
        self.profession_combo = QComboBox()
        self.profession_combo.addItem("Not set", None)
        for profession, label in PROFESSION_LABELS.items():
            self.profession_combo.addItem(label, profession.value)
        self.profession_combo.setToolTip("For professionals only")
        self._add_row(who_form, "&Name", self.name_edit)
        self._add_row(who_form, "&Role", self.role_edit)
        self._add_row(who_form, "&Group", self.group_combo)
        self._add_row(who_form, "&Profession", self.profession_combo)
        left.addWidget(who)

        reach = QGroupBox("How to reach them")
        reach_layout = QVBoxLayout(reach)
        reach_hint = QLabel("In the order to try them. Empty rows are left out.")
        reach_hint.setWordWrap(True)
        reach_layout.addWidget(reach_hint)
        self.methods_editor = MethodsEditor(self._region)
        reach_layout.addWidget(self.methods_editor)
        left.addWidget(reach)

        asking = QGroupBox("When I reach out")
        asking_form = QFormLayout(asking)
        self.helps_edit = self._text_edit(2, "e.g. Talking things through; coming round")
        self.message_edit = self._text_edit(3, "e.g. I'm struggling, could you call me?")
        self._add_row(asking_form, "What they can &help with", self.helps_edit)
        self._add_row(asking_form, "Ready \u201cI'm struggling\u201d &message", self.message_edit)
        left.addWidget(asking)

        # The box's title is the label: Alt+O moves into it.
        notes_box = QGroupBox("N&otes")
        notes_layout = QVBoxLayout(notes_box)
        self.notes_edit = self._text_edit(2, "Anything else, e.g. works nights some weeks")
        self.notes_edit.setAccessibleName("Notes")
        notes_layout.addWidget(self.notes_edit)
        left.addWidget(notes_box)
        left.addStretch(1)

        when = QGroupBox("When they can be reached")
        when_layout = QVBoxLayout(when)
        zone_form = QFormLayout()
        self.time_zone_combo = QComboBox()
        self.time_zone_combo.setEditable(True)
        self.time_zone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.time_zone_combo.addItems(sorted(known_time_zones()))
        completer = QCompleter(self.time_zone_combo.model(), self.time_zone_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.time_zone_combo.setCompleter(completer)
        self.time_zone_combo.setToolTip("Type a city, e.g. London or Toronto")
        self._add_row(zone_form, "&Time zone", self.time_zone_combo)
        self.time_zone_problem = QLabel()
        self.time_zone_problem.setWordWrap(True)
        self.time_zone_problem.setTextFormat(Qt.TextFormat.PlainText)
        zone_form.addRow(self.time_zone_problem)
        when_layout.addLayout(zone_form)
        self.always_check = QCheckBox("&Always available (24 hours, every day)")
        self.always_check.setAccessibleName("Always available, 24 hours every day")
        when_layout.addWidget(self.always_check)
        self.availability_editor = AvailabilityEditor()
        when_layout.addWidget(self.availability_editor)
        self.time_off_editor = TimeOffEditor(self.contact)
        when_layout.addWidget(self.time_off_editor)
        right.addWidget(when)

        agreement = QGroupBox("On my plan")
        agreement_layout = QVBoxLayout(agreement)
        self.agreed_check = QCheckBox("They have agree&d to be on my plan")
        self.agreed_check.setAccessibleName("They have agreed to be on my plan")
        agreement_layout.addWidget(self.agreed_check)
        checked_row = QHBoxLayout()
        self.checked = OptionalDate("Details &checked on")
        self.today_button = QPushButton("Today")
        self.today_button.setAccessibleName("Details checked today")
        self.today_button.setToolTip("Mark the details as checked today")
        checked_row.addWidget(self.checked)
        checked_row.addWidget(self.today_button)
        checked_row.addStretch(1)
        agreement_layout.addLayout(checked_row)
        self.on_card_check = QCheckBox("Show on my &wallet card")
        self.on_card_check.setAccessibleName("Show on my wallet card")
        agreement_layout.addWidget(self.on_card_check)
        right.addWidget(agreement)
        right.addStretch(1)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setAccessibleDescription("Problems to fix before saving")
        outer.addWidget(self.problems_label)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save" if self._original else "Add")
        self.ok_button.setAccessibleName(
            "Save this person" if self._original else "Add this person"
        )
        cancel = self.button_box.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        outer.addWidget(self.button_box)

    @staticmethod
    def _add_row(form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        label.setWordWrap(True)
        field.setAccessibleName(text.replace("&", "").replace("\u201c", "").replace("\u201d", ""))
        form.addRow(label, field)

    @staticmethod
    def _text_edit(lines: int, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        height = edit.fontMetrics().lineSpacing() * lines + 2 * edit.frameWidth() + 8
        edit.setFixedHeight(height)
        return edit

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        fit_on_screen(self)  # all of it, frame and buttons, on the screen

    def _fit_to_screen(self) -> None:
        """Wide enough for both columns, never larger than the screen (down to 1366×768)."""
        hint = self.sizeHint()
        width, height = max(hint.width(), 1000), max(hint.height(), 680)
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)

    # --- data ---------------------------------------------------------------------------

    def _load(self, contact: Contact) -> None:
        self.name_edit.setText(contact.name)
        self.role_edit.setText(contact.role)
        self.group_combo.setCurrentIndex(self.group_combo.findData(contact.group.value))
        profession = contact.profession.value if contact.profession else None
        self.profession_combo.setCurrentIndex(max(0, self.profession_combo.findData(profession)))
        self.methods_editor.set_methods(contact.methods)
        self.time_zone_combo.setCurrentText(contact.time_zone)
        self.always_check.setChecked(contact.always_available)
        self.availability_editor.set_windows(contact.windows)
        self.time_off_editor.set_values(contact.time_off, contact.extra_times)
        self.helps_edit.setPlainText(contact.helps_with)
        self.message_edit.setPlainText(contact.message)
        self.agreed_check.setChecked(contact.agreed)
        self.checked.set_value(contact.checked_on)
        self.on_card_check.setChecked(contact.on_card)
        self.notes_edit.setPlainText(contact.notes)

    def _connect(self) -> None:
        for edit in (self.name_edit, self.role_edit):
            edit.textChanged.connect(self._revalidate)
        for text_edit in (self.helps_edit, self.message_edit, self.notes_edit):
            text_edit.textChanged.connect(self._revalidate)
        self.group_combo.currentIndexChanged.connect(self._update_enabled)
        self.always_check.toggled.connect(self._update_enabled)
        self.time_zone_combo.currentTextChanged.connect(self._revalidate)
        for signal in (
            self.methods_editor.changed,
            self.availability_editor.changed,
            self.time_off_editor.changed,
            self.checked.changed,
        ):
            signal.connect(self._revalidate)
        self.today_button.clicked.connect(lambda: self.checked.set_value(dt.date.today()))
        self.button_box.accepted.connect(self.accept)
        # Cancel asks first when something changed (Esc and the close button too).
        self.button_box.rejected.connect(lambda: self.discard_guard.request_close())

    def _update_enabled(self) -> None:
        professional = self.group_combo.currentData() == Group.PROFESSIONAL.value
        self.profession_combo.setEnabled(professional)
        # Windows are kept while "always" is ticked, in case it is unticked again.
        self.availability_editor.setEnabled(not self.always_check.isChecked())
        self._revalidate()

    def contact(self) -> Contact:
        """The contact as the dialog now shows it (unknown `extra` fields kept)."""
        group = Group(self.group_combo.currentData())
        profession = self.profession_combo.currentData()
        contact = Contact(
            name=self.name_edit.text().strip(),
            role=self.role_edit.text().strip(),
            group=group,
            profession=(
                Profession(profession) if profession and group is Group.PROFESSIONAL else None
            ),
            methods=tuple(method for _, method in self.methods_editor.methods_with_rows()),
            time_zone=self.time_zone_combo.currentText().strip(),
            always_available=self.always_check.isChecked(),
            windows=self.availability_editor.windows(),
            time_off=self.time_off_editor.time_off(),
            extra_times=self.time_off_editor.extra_times(),
            helps_with=self.helps_edit.toPlainText().strip(),
            message=self.message_edit.toPlainText().strip(),
            agreed=self.agreed_check.isChecked(),
            checked_on=self.checked.value(),
            on_card=self.on_card_check.isChecked(),
            notes=self.notes_edit.toPlainText().strip(),
        )
        if self._original is not None:
            contact = dataclasses.replace(contact, extra=dict(self._original.extra))
        return contact

    def problems(self) -> list[str]:
        """Every reason the contact cannot be saved yet, as the sentences the dialog shows."""
        row_numbers = [number for number, _ in self.methods_editor.methods_with_rows()]
        sentences = []
        for problem in validate_contact(self.contact(), self._region):
            path = problem.path
            if path.startswith("methods[") and path.endswith("].value"):
                # Point at the row on screen; empty rows are not in the contact.
                number = row_numbers[int(path[len("methods[") : -len("].value")])]
                path = f"methods[{number - 1}]"
            sentences.append(_sentence(path, problem.message))
        return sentences

    # --- behaviour ----------------------------------------------------------------------

    def _revalidate(self) -> None:
        zone_problem = time_zone_problem(self.time_zone_combo.currentText().strip())
        self.time_zone_problem.setText(f"⚠ {_standalone(zone_problem)}" if zone_problem else "")
        self.time_zone_problem.setVisible(zone_problem is not None)
        problems = self.problems()
        self.ok_button.setEnabled(not problems)
        self._show_problems(problems)

    def _show_problems(self, problems: list[str]) -> None:
        if not problems:
            self.problems_label.clear()
            self.problems_label.hide()
        elif problems == ["Name is empty."]:
            self.problems_label.setText("Type their name to save.")
            self.problems_label.show()
        else:
            # A few lines at most, so that the buttons below stay on a small screen (at
            # 200 % a laptop has 384 pixels of height); the rest are named in full to a
            # screen reader and marked at their fields.
            shown = [f"⚠ {problem}" for problem in problems[:PROBLEMS_SHOWN]]
            more = len(problems) - len(shown)
            if more:
                shown.append(f"⚠ …and {more} more, marked in the form above.")
            self.problems_label.setText("To save, fix:\n" + "\n".join(shown))
            self.problems_label.setAccessibleDescription(" ".join(problems) if more else "")
            self.problems_label.show()

    def accept(self) -> None:
        """Save only a contact `validate_contact` accepts; otherwise show every problem."""
        problems = self.problems()
        if problems:
            self._show_problems(problems)
            self.ok_button.setEnabled(False)
            announce(self, self.problems_label.text())
            return
        super().accept()
