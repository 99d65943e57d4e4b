"""File > Import catalog…: a catalog from a UHRI download, a UPR Info CSV, a catalog workbook
or the office's signed package on a USB stick. A preview first (rows matched by the filters,
what will be created or changed, rows left out and rows that cannot be read, and why), then
the import; nothing is stored before the person presses Import."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from consultation_app.errors import AppError
from consultation_app.services.catalog_import import (
    FORMATS,
    NEW,
    UNCHANGED,
    ImportOptions,
    apply,
    plan_from_file,
    read_file,
)
from consultation_app.ui.background import Background
from consultation_app.ui.error_text import error_text


class CatalogImportDialog(QDialog):
    imported = Signal(str)  # the catalog id
    previewed = Signal()  # a preview (or its refusal) is on screen

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.plan = None
        self.background = Background(self)
        self._generation = 0
        self.setWindowTitle(self.tr("Import a catalog of recommendations"))
        self.setObjectName("catalog_import_dialog")
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Catalog file"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.format = QComboBox()
        self.format.addItem(self.tr("Recognise from the file"), "auto")
        for name in FORMATS[1:]:
            self.format.addItem(name, name)
        self.country = QLineEdit()
        self.country.setPlaceholderText(self.tr("e.g. Cambodia (all countries when empty)"))
        self.cycle = QSpinBox()
        self.cycle.setRange(0, 20)
        self.cycle.setSpecialValueText(self.tr("any cycle"))
        self.body = QLineEdit()
        self.body.setPlaceholderText(self.tr("e.g. UPR (all bodies when empty)"))
        self.skip_bad = QCheckBox(self.tr("Import the other rows when some rows cannot be read"))
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Country"), self.country)
        form.addRow(self.tr("UPR cycle"), self.cycle)
        form.addRow(self.tr("Recommending body"), self.body)
        form.addRow("", self.skip_bad)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setObjectName("catalog_preview")
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setPlaceholderText(self.tr("Choose a file, then Preview: nothing is imported before you "
                                                "press Import."))
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(self.tr("&Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.import_button.setEnabled(False)
        self.preview_button.clicked.connect(self.make_preview)
        self.import_button.clicked.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        for signal in (self.path.textChanged, self.country.textChanged, self.body.textChanged,
                       self.cycle.valueChanged, self.format.currentIndexChanged, self.skip_bad.toggled):
            signal.connect(self._inputs_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 560)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a catalog of recommendations"), self.path.text(),
                                              self.tr("Catalogs (*.xlsx *.json *.csv)"))
        if path:
            self.path.setText(path)
            self.make_preview()

    def _inputs_changed(self, *_) -> None:
        self._generation += 1
        self.preview_button.setEnabled(True)
        self.plan = None
        self.import_button.setEnabled(False)

    def options(self) -> ImportOptions:
        return ImportOptions(format=self.format.currentData(), country=self.country.text().strip() or None,
                             cycle=self.cycle.value() or None, body=self.body.text().strip() or None,
                             skip_bad_rows=self.skip_bad.isChecked())

    def make_preview(self) -> None:
        """Read the file off the GUI thread (a 100,000-row download takes seconds), then compare
        it with the database here."""
        self.plan = None
        self.import_button.setEnabled(False)
        self._generation += 1
        if not self.path.text().strip():
            self.preview.setPlainText(self.tr("Choose a file first."))
            self.previewed.emit()
            return
        self.preview.setPlainText(self.tr("Reading the file…"))
        self.preview_button.setEnabled(False)
        options, generation = self.options(), self._generation
        self.background.start(lambda progress, cancelled: read_file(self.path.text().strip(), options),
                              on_result=lambda source: self._read(source, options, generation),
                              on_error=lambda error: self._failed(error, generation))

    def _read(self, source, options: ImportOptions, generation: int) -> None:
        if generation != self._generation:
            return  # the inputs changed meanwhile
        self.preview_button.setEnabled(True)
        try:
            plan = plan_from_file(self.workspace.db, source, options)
        except AppError as error:
            self._failed(error, generation)
            return
        self.plan = plan
        self.preview.setPlainText(self.describe(plan))
        self.import_button.setEnabled(plan.status != UNCHANGED)
        self.previewed.emit()

    def _failed(self, error: Exception, generation: int) -> None:
        if generation != self._generation:
            return
        self.preview_button.setEnabled(True)
        self.preview.setPlainText(error_text(error) if isinstance(error, AppError)
                                  else self.tr("The file could not be read: %1").replace("%1", str(error)))
        self.previewed.emit()

    def wait(self) -> None:
        self.background.wait()

    def describe(self, plan) -> str:
        catalog = plan.catalog
        lines = [self.tr("Catalog: %1 (%2), version %3").replace("%1", catalog.title).replace(
            "%2", catalog.catalog_id).replace("%3", catalog.version)]
        lines.append(self.tr("Format: %1. Rows read: %2. Recommendations: %3.").replace("%1", plan.format).replace(
            "%2", str(plan.total_rows)).replace("%3", str(len(catalog.recommendations))))
        if plan.status == NEW:
            lines.append(self.tr("A new catalog will be created with %1 recommendations.").replace(
                "%1", str(plan.added)))
        elif plan.status == UNCHANGED:
            lines.append(self.tr("This catalog is already loaded with the same content: nothing to import."))
        else:
            lines.append(self.tr("Version %1 will be updated to %2: %3 new, %4 changed, %5 retired. Feedback is "
                                 "not touched.").replace("%1", plan.installed_version or "").replace(
                "%2", catalog.version).replace("%3", str(plan.added)).replace("%4", str(plan.changed)).replace(
                "%5", str(plan.retired)))
        if plan.format == "workbook":
            lines.append(self.tr("Signed by the central office.") if plan.signed_by else
                         self.tr("Not signed: an edited or hand-made catalog workbook."))
        for reason, count in plan.filtered.items():
            lines.append(self.tr("Left out: %1 row(s): %2").replace("%1", str(count)).replace("%2", reason))
        if plan.bad_rows:
            lines.append(self.tr("%1 row(s) cannot be read and will be skipped:").replace(
                "%1", str(len(plan.bad_rows))))
            lines += [self.tr("  row %1: %2").replace("%1", str(row)).replace("%2", problem)
                      for row, problem in plan.bad_rows[:50]]
        return "\n".join(lines)

    def do_import(self) -> None:
        if self.plan is None:
            return
        try:
            result = apply(self.workspace.db, self.plan)
        except AppError as error:
            self.preview.setPlainText(error_text(error))
            self.import_button.setEnabled(False)
            return
        self.preview.appendPlainText("\n" + self.tr("Imported: catalog %1, version %2, %3 recommendations.").replace(
            "%1", result.catalog_id).replace("%2", result.version).replace("%3", str(result.recommendations)))
        self.import_button.setEnabled(False)
        self.plan = None
        self.imported.emit(result.catalog_id)
