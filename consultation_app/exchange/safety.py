"""Opening a workbook that came on a shared USB stick: checked before any XML is parsed.

Refused with a clear message: anything but a regular file (a pipe, a device: refused before
it is read), not a workbook, truncated or damaged, password-protected without the password
(or with a wrong one), macros, external links, embedded objects (found by path, relationship
type and content type), archive members named outside the archive or twice, document type
declarations, zip bombs (declared sizes checked before anything is unpacked) and
shared-string bombs (xml_scan.py).
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

from consultation_app.domain.text import excerpt
from consultation_app.errors import InputError, said
from consultation_app.exchange import xml_scan

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # an unpacked part may be at most this many times its packed size
STORED_COPY_UP_TO = 64 * 1024 * 1024  # unpacked bytes: a field export is about 1 MB
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML, or an old .xls


def _refuse(path: Path, message: str, key: str, **params: object) -> InputError:
    """``message`` after the file's name; ``key`` and ``params`` say it in the interface language
    (ui/error_catalogue_files.py), the file's name given as ``file``."""
    return InputError(f"{path.name}: {message}").keyed(key, file=path.name, **params)


def _decrypt(path: Path, data: bytes, password: str | None) -> bytes:
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, FileFormatError, InvalidKeyError

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
    except Exception:  # olefile's own errors, ValueError...: a damaged container either way
        raise _refuse(path, "the file is damaged (an old-format or protected workbook that cannot be "
                            "opened)", "workbook_old_damaged") from None
    try:
        if not office.is_encrypted():
            raise _refuse(path, "an old-format Excel file (.xls); save it as .xlsx and try again", "workbook_xls")
        if not password:
            raise _refuse(path, "the file is password-protected; give its password (--password-env VAR)",
                          "workbook_needs_password")
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out, verify_integrity=True)
        return out.getvalue()
    except (InvalidKeyError, DecryptionError):
        raise _refuse(path, "the password is wrong, or the file was damaged after it was protected",
                      "workbook_password") from None
    except FileFormatError as error:
        raise _refuse(path, f"not a workbook this app can read ({error})", "workbook_unknown_format",
                      error=str(error)) from None
    except InputError:
        raise
    except Exception:
        raise _refuse(path, "the file is damaged (a protected workbook that cannot be decrypted)",
                      "workbook_not_decrypted") from None


# Office files are zip archives too: say in plain words what was handed over instead.
_OTHER_DOCUMENTS = (("word/document.xml", "a Word document", "word_document"),
                    ("ppt/presentation.xml", "a PowerPoint presentation", "powerpoint_document"),
                    ("content.xml", "an OpenDocument file (LibreOffice); save it as .xlsx first if it is an export",
                     "opendocument_file"))


def _what_else(names: set[str]) -> tuple[str, str]:
    for part, what, key in _OTHER_DOCUMENTS:
        if part in names:
            return f"{what}, not an export workbook", key
    return "", ""


def check_zip(path: Path, data: bytes) -> bytes:
    """Refuse what an export never holds; return the archive to parse: the parts as read and
    checked here, stored uncompressed (calamine then parses exactly these bytes, and does not
    inflate them a second time: a tenth of a merge's reading), or ``data`` itself when they
    would unpack to more than STORED_COPY_UP_TO."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise _refuse(path, "the file is damaged or incomplete (it is not a readable .xlsx archive)",
                      "workbook_damaged") from None
    total, seen = 0, set()
    for info in infos:
        name = info.filename.lower()
        if _outside(info.filename):
            raise _refuse(path, f"part {info.filename} is named outside the archive; refused", "part_outside",
                          part=info.filename)
        if info.filename in seen:
            raise _refuse(path, f"part {info.filename} appears twice in the archive; refused (zip readers "
                                f"disagree on which one counts)", "part_twice", part=info.filename)
        seen.add(info.filename)
        if name.endswith("vbaproject.bin"):
            raise _refuse(path, *_MACROS)
        if name.startswith("xl/externallinks/"):
            raise _refuse(path, *_LINKS)
        if name.startswith(("xl/embeddings/", "xl/activex/")):
            raise _refuse(path, *_EMBEDDED)
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise _refuse(path, f"part {info.filename} would unpack to {info.file_size:,} bytes from "
                                f"{info.compress_size:,}: refused as a zip bomb", "part_zip_bomb",
                          part=info.filename, size=f"{info.file_size:,}", packed=f"{info.compress_size:,}")
    if total > MAX_UNPACKED_BYTES:
        raise _refuse(path, f"the workbook would unpack to {total:,} bytes; refused as too large",
                      "workbook_unpacks_too_large", size=f"{total:,}")
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        what, key = _what_else(names)
        raise _refuse(path, what, key) if what else _refuse(path, "not an Excel workbook (no xl/workbook.xml "
                                                                  "inside)", "not_a_workbook")
    sheet_parts, shared_strings = _sheet_parts(archive)
    copy = io.BytesIO() if total <= STORED_COPY_UP_TO else None
    stored = zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) if copy is not None else None
    tables = []  # first, so that each sheet can be measured against them as it is read (and let go)
    for table_part in dict.fromkeys((shared_strings, _SHARED_STRINGS)):
        if table_part is not None and table_part in seen:
            try:
                tables.append(archive.read(table_part))
            except Exception:  # damaged: the loop below says so
                pass
    sst = tables[0] if tables else None
    expansion, xml_bytes = xml_scan.ExpansionCount(tables), sum(map(len, tables))
    for info in infos:
        # Reading every part checks its CRC (a damaged stream fails here, not later), and lets
        # the sheets read for values be searched for formulas: exports hold values only.
        try:
            with archive.open(info) as part:
                content = part.read()
        except Exception:  # zlib.error, BadZipFile, NotImplementedError, EOFError...: all mean damaged
            raise _refuse(path, f"the file is damaged (part {info.filename} cannot be unpacked)",
                          "part_damaged", part=info.filename) from None
        _check_declarations(path, info.filename, content)
        if info.filename in sheet_parts:
            xml_bytes += len(content)
            if sheet_parts[info.filename] in _VALUE_SHEETS and _has_formula(content):
                raise _formula_refusal(path, sheet_parts[info.filename], content, sst)
            expansion.add(info.filename, content)
        if stored is not None and not info.is_dir():
            stored.writestr(info.filename, content)
        del content
    refusal = expansion.refusal(xml_bytes)
    if refusal is not None:
        raise _expansion_refusal(path, refusal, sheet_parts)
    del expansion, sst, tables
    if stored is None or copy is None:
        return data
    stored.close()
    return copy.getvalue()


def _outside(name: str) -> bool:
    """A member name that would land outside a folder it is unpacked into."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:", name)) or ".." in parts


# Active or outside content, by relationship type (the end of its URI) and by content type
# (a fragment of it): a part is what its package says it is, wherever it is kept.
# (the English, its message key)
_MACROS = ("the workbook contains macros; only plain .xlsx exports are accepted", "workbook_macros")
_LINKS = ("the workbook links to other files (external links); it is not an export", "workbook_links")
_EMBEDDED = ("the workbook contains embedded objects; it is not an export", "workbook_embedded")
_RELATIONSHIP_TYPES = {b"externallink": _LINKS, b"externallinkpath": _LINKS, b"xlexternallinkpath": _LINKS,
                       b"attachedtemplate": _LINKS, b"vbaproject": _MACROS, b"vbaprojectsignature": _MACROS,
                       b"oleobject": _EMBEDDED, b"package": _EMBEDDED, b"control": _EMBEDDED,
                       b"activexcontrolbinary": _EMBEDDED}
_CONTENT_TYPES = {b"externallink": _LINKS, b"vbaproject": _MACROS, b"macroenabled": _MACROS,
                  b"ms-excel.intlmacrosheet": _MACROS, b"ms-excel.macrosheet": _MACROS, b"oleobject": _EMBEDDED,
                  b"activex": _EMBEDDED, b"officedocument.package": _EMBEDDED}
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>", re.I)
_TYPE = re.compile(rb"""\bType\s*=\s*["']([^"']*)["']""")
_CONTENT_TYPE = re.compile(rb"""\bContentType\s*=\s*["']([^"']*)["']""")


def _check_declarations(path: Path, name: str, content: bytes) -> None:
    """Relationships, content types and DTDs, in whatever part they are."""
    lowered = name.lower()
    if lowered.endswith(".rels"):
        for element in _RELATIONSHIP.findall(content):
            kind = _TYPE.search(element)
            last = kind.group(1).rstrip(b"/").rsplit(b"/", 1)[-1].lower() if kind else b""
            if last in _RELATIONSHIP_TYPES:
                raise _refuse(path, *_RELATIONSHIP_TYPES[last])
    elif lowered == "[content_types].xml":
        for content_type in _CONTENT_TYPE.findall(content):
            lowered_type = content_type.lower()
            for fragment, refusal in _CONTENT_TYPES.items():
                if fragment in lowered_type:
                    raise _refuse(path, *refusal)
    if b"<!DOCTYPE" in content and lowered.endswith((".xml", ".rels", ".vml")):
        # No part of a workbook has one; entity definitions are how XML parsers are attacked.
        raise _refuse(path, f"part {name} declares a document type (DTD); refused", "part_dtd", part=name)


def _formula_refusal(path: Path, sheet: str, content: bytes, sst: bytes | None) -> InputError:
    """Name the first formula cell: sheet, row, column (and its key), and the formula's start."""
    found = _FORMULA.search(content)
    if found is None:  # callers ask only after _has_formula found one
        reason = said("a formula; workbooks are merged as values only", "formula_refused", shown="")
        return InputError(f"{path.name}, sheet '{sheet}': {reason}").keyed(
            "at_place", where={"file": path.name, "sheet": sheet}, reason=reason)
    column, row = xml_scan.cell_at(content, found.start())
    end = content.find(b"<", found.end())
    formula = content[content.find(b">", found.start()) + 1:end if end != -1 else None]
    formula_text = formula.decode("utf-8", "replace").replace("&amp;", "&").replace("&quot;", '"') \
        .replace("&lt;", "<").replace("&gt;", ">")
    where = f"sheet '{sheet}'"
    place: dict[str, object] = {"file": path.name, "sheet": sheet}  # the same, said in the interface language
    if column and row:
        key = xml_scan.header_key(content, sst, column)
        place.update(row=row, column=column + (f" ({key})" if key else ""))
        where += f", row {row}, column {place['column']}"
    shown = f" ({excerpt('=' + formula_text)})" if formula_text else ""
    reason = said(f"a formula{shown}; workbooks are merged as values only: type the value itself (was the file "
                  f"edited in a spreadsheet?)", "formula_refused", shown=shown)
    return InputError(f"{path.name}, {where}: {reason}").keyed("at_place", where=place, reason=reason)


def _expansion_refusal(path: Path, expansion: xml_scan.Expansion, sheet_parts: dict[str, str]) -> InputError:
    sheet = sheet_parts.get(expansion.sheet_part, expansion.sheet_part)
    where = f"sheet '{sheet}'"
    place: dict[str, object] = {"file": path.name, "sheet": sheet}  # the same, said in the interface language
    if expansion.column and expansion.row:
        place.update(row=expansion.row,
                     column=expansion.column + (f" ({expansion.key})" if expansion.key else ""))
        where += f", row {expansion.row}, column {place['column']}"
    sizes = {"expanded": f"{expansion.expanded:,}", "xml": f"{expansion.xml_bytes:,}", "bound": f"{expansion.bound:,}"}
    reason = said(f"cells refer to shared strings that would expand to {sizes['expanded']} bytes of text from "
                  f"{sizes['xml']} bytes of sheet XML (at most {sizes['bound']}); refused as a shared-strings bomb",
                  "shared_strings_bomb", **sizes)
    return InputError(f"{path.name}, {where}: {reason}").keyed("at_place", where=place, reason=reason)


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_PLAIN_FORMULA = re.compile(rb"<f[ >/]")  # literal prefixes: the engine skips ahead instead of
_PREFIXED_TAIL = re.compile(rb":f[ >/]")  # trying \w+: at every tag of a megabyte of cells


def _has_formula(content: bytes) -> bool:
    """Exactly ``_FORMULA.search(content)``, about three times faster on a data sheet."""
    if _PLAIN_FORMULA.search(content):
        return True
    return bool(_PREFIXED_TAIL.search(content)) and _FORMULA.search(content) is not None
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_SHARED_STRINGS = "xl/sharedStrings.xml"  # where readers look when no relationship says
# The sheets whose cells are merged (an export's and a capture template's): no formula there.
# Not the manifest: LibreOffice writes a boolean as the formula =FALSE() when it re-saves.
_VALUE_SHEETS = ("consultations", "feedback", "notes", "recommendations", "details")


def _sheet_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str | None]:
    """Zip part name -> sheet name for every sheet, and the shared-string table's part."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except Exception:
        return {}, None
    targets, shared_strings = {}, None
    for element in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attributes = dict(_ATTRIBUTE.findall(element))
        target = attributes.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        target = target if target.startswith("xl/") else "xl/" + target
        targets[attributes.get(b"Id", b"")] = target
        if attributes.get(b"Type", b"").lower().endswith(b"/sharedstrings"):
            shared_strings = target
    parts = {}
    for element in _SHEET.findall(workbook):
        attributes = dict(_ATTRIBUTE.findall(element))
        name = attributes.get(b"name", b"").decode("utf-8", "replace")
        rid = next((value for key, value in attributes.items() if key.endswith(b":id")), b"")
        if rid in targets:
            parts[targets[rid]] = name
    for info in archive.infolist():  # a sheet no relationship names is still parsed by some readers
        if info.filename.lower().startswith("xl/worksheets/") and info.filename.lower().endswith(".xml"):
            parts.setdefault(info.filename, info.filename)
    return parts, shared_strings or _SHARED_STRINGS


def read_workbook_file(path: Path) -> bytes:
    """The bytes of the file at ``path``, refused unread when it is no regular file (a pipe would
    block for ever, /dev/zero fill memory) or larger than MAX_FILE_BYTES. Opened without
    blocking and checked on the open descriptor, so what is checked is what is read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file").keyed("file_missing", file=path) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a workbook").keyed("file_is_folder", file=path) from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})").keyed(
            "file_unreadable", file=path, error=error.strerror or error) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"{path}: is a folder, not a workbook").keyed("file_is_folder", file=path)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"{path}: not a regular file (a pipe, device or socket); refused unread").keyed(
                "file_not_regular", file=path)
        if status.st_size > MAX_FILE_BYTES:
            raise _refuse(path, f"{status.st_size:,} bytes is too large for an export", "workbook_too_large",
                          size=f"{status.st_size:,}")
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})").keyed(
            "file_unreadable", file=path, error=error.strerror or error) from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise _refuse(path, f"more than {MAX_FILE_BYTES:,} bytes is too large for an export", "workbook_too_large",
                      size=f"{MAX_FILE_BYTES:,}")
    return data


def open_checked(path: Path, password: str | None = None, data: bytes | None = None) -> CalamineWorkbook:
    """The workbook at ``path``, checked; ``data``: the file's bytes, when the caller read them."""
    if data is None:
        data = read_workbook_file(path)
    elif len(data) > MAX_FILE_BYTES:
        raise _refuse(path, f"{len(data):,} bytes is too large for an export", "workbook_too_large",
                      size=f"{len(data):,}")
    if data.startswith(_OLE_MAGIC):
        data = _decrypt(path, data, password)
    elif not data.startswith(_ZIP_MAGIC):
        raise _refuse(path, "not an Excel workbook (.xlsx)", "not_a_workbook") if data \
            else _refuse(path, "the file is empty", "workbook_empty")
    checked = check_zip(path, data)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(checked))
    except Exception as error:  # calamine's own errors: damaged XML and the like
        raise _refuse(path, f"the workbook cannot be read ({error})", "workbook_unreadable",
                      error=str(error)) from None
