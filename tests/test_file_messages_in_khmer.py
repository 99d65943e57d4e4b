"""Issue 18, the last gaps: what the desktop refuses about a file (a hostile workbook before it
is parsed, a filled capture template, an attachment's "Save as", a merge receipt) reaches a
Khmer interface whole in Khmer, and the words put inside a message (a device the office does
not know, the records of another device, an attachment's kind, a kind of file) are Khmer
too: no English word is left in a Khmer message besides file names, numbers, ids, sheet and
column names, and the names of file formats (Excel, .xlsx, zip, PDF...). The command line
keeps its English text exactly. And no refusal below the interface that the desktop can meet
is raised without a message key: a walk over the source lists them, with the command-line-only
ones allowed by name, each with its reason."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from consultation_app.domain import signing
from consultation_app.errors import AppError
from consultation_app.exchange.merge import NEEDS_REVIEW, REJECTED
from consultation_app.exchange.receipt import import_receipt, write_receipt
from consultation_app.exchange.template import write_template
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET
from consultation_app.services import attachments as attachment_service
from consultation_app.storage import catalog_store
from consultation_app.ui import i18n
from consultation_app.ui.background import Background
from consultation_app.ui.error_text import error_text, said_text
from consultation_app.ui.import_window import MESSAGE, ImportWindow
from tests import test_attachment_exchange as attachment_case
from tests.conftest import REPO_ROOT, dump
from tests.forgery import resign, set_cells
from tests.test_full_disk import small_disk  # noqa: F401  (fixture)
from tests.test_merge_messages_in_khmer import BELOW_UI, unbroken
from tests.test_messages_in_khmer import khmer
from tests.test_readable_columns import export, laptop
from tests.test_trust import _trusted_laptop_merged, merge_file

# Names of formats and products a Khmer sentence keeps as they are written.
FORMAT_NAMES = ("Excel", ".xlsx", ".xls", "zip", "DTD", "PDF", "SHA-256", "UTF-8", "JSON", "CSV", "UHRI", "JPEG",
                "PNG", "WebP", "TIFF", "MP3", "WAV", "M4A", "OGG", "FLAC", "AMR", "WMA", "YYYY-MM-DD", "MB", "USB")
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{16,}\b")


def english_left(text: str, *names: str) -> list[str]:
    """The Latin words of ``text`` once the file names, ids, other ``names`` (sheet names, parts,
    device names...) and format names are taken out: what a Khmer reader would meet in English."""
    text = unbroken(text)
    for name in sorted((*names, *FORMAT_NAMES), key=len, reverse=True):
        text = text.replace(name, " ")
    text = _ID.sub(" ", re.sub(r"ជួរឈរ [A-Z]{1,3}\b", " ", text))  # a column by its letters
    return re.findall(r"[A-Za-z]+", text)


@pytest.fixture
def in_khmer(qapp):
    assert i18n.install_language("km")
    yield
    i18n.install_language("en")


def merged_in_khmer(qtbot, ws, paths) -> ImportWindow:
    window = ImportWindow(ws, Background(), language="km")
    qtbot.addWidget(window)
    window.add_paths(paths)
    window.start()
    return window


# -- hostile workbooks refused before they are parsed ------------------------------------------------------

def rewritten(source: Path, target: Path, change) -> Path:
    """A copy of the workbook ``source`` with its zip members changed by ``change(members)``."""
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    change(members)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    target.write_bytes(data.getvalue())
    return target


def with_doctype(members):
    members["xl/styles.xml"] = members["xl/styles.xml"].replace(
        b"?>", b"?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>", 1)


HOSTILE = {  # file name -> (how it is made from a genuine export, the English the command line prints, the part named)
    "macros.xlsx": (lambda m: m.update({"xl/vbaProject.bin": b"\x00" * 64}), "the workbook contains macros", ""),
    "links.xlsx": (lambda m: m.update({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
                   "links to other files", ""),
    "embedded.xlsx": (lambda m: m.update({"xl/embeddings/oleObject1.bin": b"\x00" * 64}), "embedded objects", ""),
    "outside.xlsx": (lambda m: m.update({"../../evil.txt": b"x"}), "named outside the archive", "../../evil.txt"),
    "bomb.xlsx": (lambda m: m.update({"xl/media/zeros.bin": b"\x00" * 8_000_000}), "refused as a zip bomb",
                  "xl/media/zeros.bin"),
    "doctype.xlsx": (with_doctype, "declares a document type (DTD)", "xl/styles.xml"),
}


def test_hostile_workbooks_are_refused_in_khmer_before_they_are_parsed(qtbot, open_ws, tmp_path, in_khmer,
                                                                         monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)
    ws, _ = laptop(open_ws)
    genuine = export(ws, tmp_path / "genuine.xlsx")
    paths = [rewritten(genuine, tmp_path / name, change) for name, (change, _, _) in HOSTILE.items()]
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an old .xls container, damaged
    central = open_ws("central", "Central office")
    before = dump(central.database_path)

    window = merged_in_khmer(qtbot, central, [*paths, empty, old])

    expected = {**{name: (english, part) for name, (_, english, part) in HOSTILE.items()},
                "empty.xlsx": ("the file is empty", ""), "old.xlsx": ("the file is damaged", "")}
    seen = set()
    for row in range(window.model.rowCount()):
        result = window.model.result(row)
        name = Path(result.path).name
        english, part = expected[name]
        shown = unbroken(window.model.index(row, MESSAGE).data())
        assert result.status == REJECTED, (name, result.message)
        assert result.message.startswith(f"{name}: ") and english in result.message, result.message  # CLI text
        assert khmer(shown) and shown.startswith(name), (name, shown)
        assert not english_left(shown, name, part), (name, shown)
        if part:
            assert part in shown, shown
        seen.add(name)
    assert seen == set(expected)
    assert dump(central.database_path) == before


# -- a filled capture template ------------------------------------------------------------------------------

DETAILS = {"title": "Kep fishers", "stakeholder_group": "civil_society", "province": "kep", "date": "2026-11-20",
           "participants_women": 2, "participants_men": 2}


def filled_template(workspace, tmp_path: Path, name: str, **details) -> Path:
    """A capture template filled with ``details`` and a feedback row typed without its code."""
    blank = tmp_path / "blank.xlsx"
    if not blank.exists():
        write_template(blank, workspace.reference, catalog_store.list_recommendations(workspace.db))
    book = openpyxl.load_workbook(blank)
    keys = {cell.value: cell.column for cell in book["details"][2] if cell.value}
    for key, value in {**DETAILS, **details}.items():
        book["details"].cell(3, keys[key], value)
    keys = {cell.value: cell.column for cell in book[FEEDBACK_SHEET][2] if cell.value}
    book[FEEDBACK_SHEET].cell(80, keys["comment"], "a row typed with no code")
    book.save(tmp_path / name)
    return tmp_path / name


def problems_of(workspace, path: Path) -> dict[str, str]:
    """Every problem of a filling, by the key of its column."""
    from consultation_app.exchange.template_merge import read_filling
    from consultation_app.exchange.workbook_reader import IsCaptureTemplate, WorkbookError, read_export

    with pytest.raises(IsCaptureTemplate) as template:
        read_export(path, workspace.reference)
    with pytest.raises(WorkbookError) as problems:
        read_filling(path, template.value.workbook, template.value.manifest, workspace.reference)
    return {str(problem.column or "").split("(")[-1].rstrip(")"): problem.message
            for problem in problems.value.problems}


def test_a_filled_templates_problems_are_said_in_khmer(qtbot, workspace, tmp_path, in_khmer, monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)
    filled = filled_template(workspace, tmp_path, "filled.xlsx", date="next Tuesday")
    counted = filled_template(workspace, tmp_path, "counted.xlsx", participants_youth=9)
    before = dump(workspace.database_path)
    window = merged_in_khmer(qtbot, workspace, [filled])
    result, shown = window.model.result(0), unbroken(window.model.index(0, MESSAGE).data())
    assert result.status == REJECTED
    assert "expected a date (YYYY-MM-DD), found 'next Tuesday'" in result.message, result.message
    assert shown.startswith("filled.xlsx, សន្លឹក 'details', ជួរដេកទី 3, ជួរឈរ ") and "'next Tuesday'" in shown, shown
    assert not english_left(shown, "filled.xlsx", "'details'", "(date)", "'next Tuesday'"), shown
    assert dump(workspace.database_path) == before

    # Every problem of the fillings, each said whole in Khmer (the window shows the first).
    reasons = {**problems_of(workspace, filled), **problems_of(workspace, counted)}
    assert set(reasons) >= {"date", "participants_youth", "recommendation_code"}, reasons
    assert str(reasons["participants_youth"]) == "9 is more than the 4 participants (women + men + other)"
    for column, message in reasons.items():
        text = unbroken(said_text(message))
        assert re.search("[\u1780-\u17ff]", text) and not english_left(text, "'next Tuesday'"), (column, text)
    assert "9" in said_text(reasons["participants_youth"]) and "4" in said_text(reasons["participants_youth"])


def test_a_merged_templates_warnings_are_said_in_khmer(workspace, tmp_path, in_khmer):
    from consultation_app.exchange.merge import MERGED, merge_paths

    filled = filled_template(workspace, tmp_path, "filled.xlsx", participants_youth=1)
    book = openpyxl.load_workbook(filled)
    keys = {cell.value: cell.column for cell in book[FEEDBACK_SHEET][2] if cell.value}
    book[FEEDBACK_SHEET].cell(80, keys["recommendation_code"], "KH3-99")  # a code the catalog lacks
    book.save(filled)
    (result,) = merge_paths(workspace.database_path, [filled], workspace.reference)
    assert result.status == MERGED, result.message
    assert any("KH3-99 (row 80)" in warning for warning in result.warnings), result.warnings  # the CLI's English
    for warning in result.warnings:
        text = unbroken(said_text(warning))
        assert re.search("[\u1780-\u17ff]", text) and not english_left(text, "KH3-99"), text


# -- an attachment saved or opened, a receipt imported --------------------------------------------------------

def test_an_attachment_that_cannot_be_saved_is_said_in_khmer(open_ws, tmp_path, in_khmer):
    ws = open_ws("laptop", "Kampot laptop")
    c = attachment_case.meeting(ws)
    photo = attachment_case.attach(ws, c, tmp_path, "chart.jpg", attachment_case.jpeg_bytes((40, 30)), "photo")
    row = dict(photo)
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(AppError) as onto_folder:
        attachment_service.save_copy(ws.db, row, folder)
    assert str(onto_folder.value) == f"{folder}: is a folder or a link; choose a file name"  # the CLI's English
    with pytest.raises(AppError) as nowhere:
        attachment_service.save_copy(ws.db, row, tmp_path / "missing folder" / "chart.jpg")
    assert str(nowhere.value).startswith(f"{tmp_path / 'missing folder'}: cannot be written (")
    for refused, path in ((onto_folder.value, str(folder)), (nowhere.value, str(tmp_path / "missing folder"))):
        shown = unbroken(error_text(refused))
        assert shown.startswith(path) and khmer(shown.removeprefix(path)), shown
        assert not english_left(shown, path), shown


def test_attachments_saved_or_exported_onto_a_full_disk_are_refused_in_khmer(qtbot, open_ws, tmp_path, in_khmer,
                                                                           small_disk):  # noqa: F811
    from consultation_app.ui.attachments_dialog import AttachmentsDialog
    from tests.test_full_disk import fill

    ws = open_ws("laptop", "Kampot laptop")
    c = attachment_case.meeting(ws)
    attachment_case.attach(ws, c, tmp_path, "chart.jpg", attachment_case.jpeg_bytes((400, 300)), "photo")
    fill(small_disk)
    dialog = AttachmentsDialog(ws.records, c)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.save_selected(small_disk / "chart.jpg") is None
    saved = unbroken(dialog.message.text())
    assert dialog.export_to(small_disk / "attachments") is None
    exported = unbroken(dialog.message.text())
    for shown, path in ((saved, str(small_disk)), (exported, str(small_disk / "attachments"))):
        assert path in shown and re.search("[\u1780-\u17ff]", shown), shown
        assert not english_left(shown, path, "chart.jpg"), shown
    assert sorted(item.name for item in small_disk.iterdir()) == ["filler.bin"]  # no copy, no temporary


def test_a_receipt_for_another_laptop_or_damaged_is_refused_in_khmer(open_ws, tmp_path, in_khmer):
    laptop_a, _, _, central = _trusted_laptop_merged(open_ws, tmp_path)
    other = open_ws("laptop-b", "Takeo laptop")
    receipt = write_receipt(central.database_path, laptop_a.device_id, tmp_path / "receipt.json").path
    damaged = tmp_path / "damaged.json"
    damaged.write_text(receipt.read_text(encoding="utf-8").replace('"records"', '"recordz"', 1), encoding="utf-8")
    before = dump(other.database_path)
    refusals = []
    for path in (receipt, damaged):
        with pytest.raises(AppError) as refused:
            import_receipt(other.database_path, path)
        refusals.append(refused.value)
    assert str(refusals[0]).startswith("receipt.json: this receipt is for another device, Kep laptop (")
    for refused, names in ((refusals[0], ("receipt.json", "Kep laptop", "Takeo laptop")), (refusals[1],
                                                                                          ("damaged.json",))):
        shown = unbroken(error_text(refused))
        assert khmer(shown) and not english_left(shown, *names), shown
    assert dump(other.database_path) == before


def test_a_catalog_file_the_dialog_cannot_read_is_refused_in_khmer(open_ws, tmp_path, in_khmer):
    from consultation_app.services.catalog_import import ImportOptions, plan_import

    ws = open_ws("central", "Central office")
    files = {"broken.json": b'{"format": "upr-catalog", "recommendations": [',  # cut short
             "uhri.csv": "Title;Paragraph\n".encode("utf-16"),  # not UTF-8
             "empty.csv": b"",
             "structure.json": b'{"format": "upr-catalog", "format_version": 1, "headings": "none"}'}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(AppError) as refused:
            plan_import(ws.db, tmp_path / name, ImportOptions())
        assert refused.value.key, (name, str(refused.value))
        shown = unbroken(error_text(refused.value))
        assert shown.startswith(name) and khmer(shown.split("(")[0]), (name, shown)


# -- words inside messages ------------------------------------------------------------------------------------

STRANGER = "9b1c0000-0000-4000-8000-00000000dead"


def test_records_of_another_device_are_named_in_khmer_by_their_consultation(qtbot, open_ws, tmp_path, in_khmer,
                                                                            monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)
    laptop_ws, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    forged = resign(genuine.path, tmp_path / "rewritten.xlsx", signing.new_private_key(),
                    set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"quote": "words never said", "revision": 5}),
                    device_id=STRANGER, device_name="Stranger",
                    export_id="9b1c0000-0000-4000-8000-00000000e009", export_seq=1)
    window = merged_in_khmer(qtbot, central, [forged])
    result = window.model.result(0)
    assert result.status == NEEDS_REVIEW, result.message
    english = " ".join(map(str, result.warnings)) + result.message
    assert f"feedback {made['f']['uuid']} belongs to device Kep laptop" in english, english  # the CLI's words
    shown = unbroken(window.model.index(0, MESSAGE).data())
    title = made["c"]["title"]
    assert title in shown and "Kep laptop" in shown, shown
    assert not english_left(shown, "rewritten.xlsx", "Kep laptop", "Stranger", title), shown


def test_an_unknown_device_and_the_kinds_of_what_was_held_back_are_said_in_khmer(in_khmer):
    from consultation_app.domain import attachments as rules
    from consultation_app.exchange.merge_trust import FileTrust

    trust = FileTrust("device-1", "Takeo laptop", "export-9", "2026-12-05T10:00:00Z")
    trust.waiting_extras = {"consent": 2, "attachment": 1}
    for note in trust.notes():
        text = unbroken(said_text(note))
        assert khmer(text) and not english_left(text), text
    for refusal in (lambda: rules.media_type_of("chart.jpg", b"%PDF-1.7\n", "photo"),
                    lambda: rules.media_type_of("notes.txt", b"plain words", "attendance"),
                    lambda: rules.check_size(rules.MAX_BYTES[rules.IMAGE] + 1, "image/jpeg")):
        with pytest.raises(rules.AttachmentError) as refused:
            refusal()
        text = unbroken(said_text(refused.value.args[0]))
        assert khmer(text) and not english_left(text), (str(refused.value), text)


# -- the walk: no refusal the desktop meets is raised without a key ------------------------------------------

ERRORS = {"AppError", "InputError", "NotFoundError", "StorageError", "ExportCancelled", "MergeBusyError",
          "DatabaseTooNewError", "DatabaseLockedError", "DiskFullError", "DatabaseCorruptError",
          "DamagedDatabaseError", "RecordLockedError", "RecordWithdrawnError", "_refuse"}
# Raised with their key by their own __init__ (storage/errors.py, storage/schema_check.py).
SELF_KEYED = {"PassphraseRequiredError", "WrongPassphraseError"}

# (module, function) -> why its unkeyed refusals never reach the desktop's error_text, or where they are keyed.
ALLOWED = {
    ("domain/catalog.py", "*"): "keyed by their caller: services/catalog_import.read_file says any refusal of a "
                                "catalog file's structure as catalog_file_refused (the desktop's only way in); the "
                                "bundled catalogs are checked by tests",
    ("domain/reference.py", "*"): "the reference lists ship with the app (resources/); a broken one is a build "
                                  "fault, not something a person hands over",
    ("exchange/catalog_workbook.py", "read_catalog_workbook"): "a row's problem is listed in the import preview "
                                                               "(bad_rows), not raised to error_text",
    ("exchange/catalog_workbook.py", "_entry"): "as above: a row's problem, shown in the preview's list of rows",
    ("exchange/attachment_archive.py", "*"): "the command line's attachment-archive writer (export --attachments)",
    ("exchange/central_exchange.py", "*"): "WorkbookError of keyed Problems: keyed by WorkbookError itself",
    ("exchange/workbook_reader.py", "*"): "WorkbookError of keyed Problems: keyed by WorkbookError itself",
    ("exchange/central_exchange_write.py", "*"): "a data folder with no device id: only a script run before the "
                                                 "app ever started meets it",
    ("exchange/export.py", "*"): "an unknown --lang (the desktop offers a list) and a cancelled export (the "
                                 "desktop says it itself, never shows this text)",
    ("exchange/files.py", "*"): "an output name without .xlsx (the desktop's file dialogs add it) and a scratch "
                                "folder that cannot be made (command line; the desktop's export dialog checks "
                                "the data folder first)",
    ("exchange/master_export.py", "*"): "an unknown --lang, and a count that does not match: a bug, not input",
    ("exchange/matrix.py", "*"): "the command line's matrix command",
    ("exchange/merge.py", "*"): "no workbooks in the given paths: the Import window lists only workbooks",
    ("exchange/merge_read.py", "*"): "the merge's reader process died: a crash, reported as such",
    ("exchange/receipt.py", "write_receipt"): "the central office's receipt writer: a .json name (the dialog adds "
                                              "it) and a device chosen from those merged",
    ("exchange/report.py", "*"): "report options given on the command line (format, language, catalog, size); "
                                 "the desktop offers only valid ones",
    ("exchange/report_charts.py", "*"): "a broken installation (no Qt application, no bundled font)",
    ("exchange/report_content.py", "*"): "a --group or --province key typed on the command line",
    ("exchange/report_pdf_text.py", "*"): "a broken installation (bundled fonts missing)",
    ("exchange/sheet_writer.py", "*"): "a stored date that is no date: written only by a crafted database",
    ("services/catalog_import.py", "_read_file"): "an unknown --format",
    ("services/catalog_import.py", "*"): "a catalog id typed on the command line",
    ("services/central_database.py", "*"): "a server address given on the command line",
    ("services/consent.py", "*"): "a feedback entry or consultation id given on the command line",
    ("services/demo.py", "*"): "the command line's demo data",
    ("services/passphrase.py", "*"): "the command line's passphrase commands (the desktop's dialog checks these "
                                     "cases itself before calling)",
    ("services/reference_lists.py", "*"): "the reference lists ship with the app",
    ("services/workspace.py", "*"): "the damage a quick check finds: DatabaseCorruptError, shown by the start-up "
                                    "dialog with its own text",
    ("storage/backup.py", "*"): "backup options of the command line (target = the database, nothing to back up, "
                                "an in-memory database, a transaction open: bugs)",
    ("storage/catalog_store.py", "*"): "an older catalog version: keyed by services/catalog_import (catalog_older)",
    ("storage/connection.py", "*"): "a database from a newer app: the start-up dialog says it itself",
    ("storage/conversion.py", "*"): "an interrupted passphrase conversion: the command line's recovery",
    ("storage/dashboard_queries.py", "*"): "dates typed on the command line (the dashboard's date fields give "
                                           "only dates, in order)",
    ("storage/encryption.py", "*"): "an empty or short passphrase: the passphrase dialog refuses them first",
    ("storage/implementation_store.py", "*"): "catalog, code and institution keys given on the command line",
    ("storage/keys_store.py", "*"): "a settings table that does not keep a value: a damaged database",
    ("storage/move_to_server.py", "*"): "the command line's move-to-server",
    ("storage/pg_connection.py", "*"): "a central server's schema or merge lock: the command line's merge",
    ("storage/records_store.py", "*"): "a record id that is not there, a final consultation, a withdrawn entry: "
                                       "the desktop disables these actions and says why in its own words",
    ("storage/reencrypt.py", "*"): "the command line's passphrase conversion",
    ("storage/settings_store.py", "*"): "a settings table that does not keep a value: a damaged database",
}


def unkeyed_refusals() -> list[tuple[str, str, int, str]]:
    """(module, function, line, the raise) of every refusal below ui raised without a message key:
    ``raise X(...)`` of an error class a person is shown, not followed by ``.keyed(...)``, its
    message not a keyed ``said(...)``; and every workbook Problem given a plain-text reason."""
    found = []
    for layer in BELOW_UI:
        for path in sorted((Path(REPO_ROOT) / "consultation_app" / layer).rglob("*.py")):
            module = str(path.relative_to(Path(REPO_ROOT) / "consultation_app"))
            tree = ast.parse(path.read_text(encoding="utf-8"))
            functions: dict[int, str] = {}  # node -> the function it is in (outer ones are walked first)
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    for inner in ast.walk(node):
                        functions[id(inner)] = node.name
            for node in ast.walk(tree):
                call = None
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                    call = node.exc
                    if isinstance(call.func, ast.Attribute) and call.func.attr == "keyed":
                        continue
                    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                    if name not in ERRORS:
                        continue
                    if name == "_refuse" and (len(call.args) >= 3
                                              or any(isinstance(arg, ast.Starred) for arg in call.args)):
                        continue  # its key is its third argument (or in the (english, key) pair spread there)
                elif isinstance(node, ast.Call) and (getattr(node.func, "id", "") == "Problem"
                                                     or getattr(node.func, "attr", "") == "problem"):
                    call = node
                else:
                    continue
                message = call.args[-1] if call is node else (call.args[0] if call.args else None)
                if isinstance(message, ast.Call) and getattr(message.func, "id", "") == "said":
                    continue
                if call is node and not isinstance(message, (ast.Constant, ast.JoinedStr)):
                    continue  # a reason passed along (reason(error), a said kept in a name): keyed where it is made
                found.append((module, functions.get(id(node), "<module>"), node.lineno, ast.unparse(call)[:100]))
    return found


def test_no_refusal_the_desktop_meets_is_raised_without_a_message_key():
    found = unkeyed_refusals()
    assert len(found) > 50, len(found)  # the walk sees the command line's refusals (a walk that saw none would pass)
    keyed_here = {"exchange/safety.py", "exchange/receipt.py", "exchange/merge_guard.py",
                  "exchange/attachment_folder.py", "exchange/catalog_sources.py"}
    assert not [entry for entry in found if entry[0] in keyed_here and (entry[0], entry[1]) not in ALLOWED], \
        [entry for entry in found if entry[0] in keyed_here]
    unexplained = [entry for entry in found
                   if (entry[0], entry[1]) not in ALLOWED and (entry[0], "*") not in ALLOWED]
    assert not unexplained, "\n".join(f"{module}:{line} ({function}): {code}"
                                      for module, function, line, code in unexplained)
    stale = [place for place in ALLOWED
             if not any(entry[0] == place[0] and place[1] in ("*", entry[1]) for entry in found)]
    assert not stale, stale  # an allowance for a refusal that has since been keyed: remove it


def test_the_errors_that_key_themselves_do(tmp_path):
    from consultation_app.storage.errors import PassphraseRequiredError, WrongPassphraseError

    for error in (PassphraseRequiredError(tmp_path / "db"), WrongPassphraseError(tmp_path / "db", "this backup")):
        assert error.key, error


# -- the master export says why each conflict waits -------------------------------------------------------------

def conflicts_sheet(path: Path) -> list[dict]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("conflicts").to_python()
    return [rows[1], *[dict(zip(rows[1], row)) for row in rows[2:]]]


def test_the_master_exports_conflicts_say_why_they_wait_in_the_workbooks_language(capsys, open_ws, tmp_path, qapp):
    from consultation_app.cli.main import EXIT_OK, main
    from consultation_app.domain.records import FEEDBACK, content_hash, utc_now
    from consultation_app.exchange.master_export import CONFLICT_COLUMNS
    from consultation_app.storage import merge_store

    laptop_ws, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    forged = resign(genuine.path, tmp_path / "rewritten.xlsx", signing.new_private_key(),
                    set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"quote": "words never said", "revision": 5}),
                    device_id=STRANGER, device_name="Stranger",
                    export_id="9b1c0000-0000-4000-8000-00000000e009", export_seq=1)
    assert merge_file(central, forged).status == NEEDS_REVIEW
    # And one stored before reasons were kept (an older database): no reason in its row.
    held = merge_store.current_record(central.db, FEEDBACK, made["f"]["uuid"])
    older = {**held, "comment": "an older conflict", "revision": 7}
    older["content_hash"] = content_hash(FEEDBACK, older, False)
    with central.db.atomic():
        assert merge_store.record_conflict(central.db, FEEDBACK, older, held["content_hash"], "export-old",
                                           utc_now())
    folder = central.database_path.parent
    central.close()
    sheets = {}
    for language in ("en", "km"):
        out = tmp_path / f"master-{language}.xlsx"
        assert main(["--data-dir", str(folder), "master-export", "--lang", language, "--out", str(out)]) == EXIT_OK
        sheets[language] = conflicts_sheet(out)
    capsys.readouterr()

    for keys, *rows in sheets.values():
        # The columns scripts read keep their places; the reason comes last.
        assert keys == [column.key for column in CONFLICT_COLUMNS] and keys[-1] == "reason", keys
        assert {row["export_id"] for row in rows} == {"9b1c0000-0000-4000-8000-00000000e009", "export-old"}
    english = {row["export_id"]: row["reason"] for row in sheets["en"][1:]}
    khmer_reasons = {row["export_id"]: row["reason"] for row in sheets["km"][1:]}
    assert english["9b1c0000-0000-4000-8000-00000000e009"] == (
        f"sent by device Stranger ({STRANGER}) in export 9b1c0000-0000-4000-8000-00000000e009, but the record "
        f"belongs to device Kep laptop ({laptop_ws.device_id}): a file speaks only for its own laptop")
    assert english["export-old"] == "two versions of this record differ: a person chooses the one that stands"
    for export_id, text in khmer_reasons.items():
        assert re.search("[\u1780-\u17ff]", text) and "\u200b" not in text, text
        assert not english_left(text, "Stranger", "Kep laptop", "export-old"), (export_id, text)
    assert "Stranger" in khmer_reasons["9b1c0000-0000-4000-8000-00000000e009"]
    assert "Kep laptop" in khmer_reasons["9b1c0000-0000-4000-8000-00000000e009"]
