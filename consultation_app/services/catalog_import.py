"""Importing a catalog from any source, in two steps: ``plan_import`` reads the file and says
what would happen (rows matched, created, updated, skipped and why, the signature); ``apply``
stores it. The CLI and File > Import catalog... both go through here.

Formats: ``upr-catalog`` (JSON, docs/catalog-format.md), ``workbook`` (the catalog workbook,
also the signed package the office distributes), ``uhri-xlsx``, ``uhri-json``, ``uwazi-csv``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from consultation_app.domain.catalog import Catalog, Heading, Recommendation, read_catalog_file, version_key
from consultation_app.domain.catalog_package import catalog_digest, next_version, sign_catalog, signature_valid
from consultation_app.errors import InputError, NotFoundError
from consultation_app.exchange import catalog_sources as sources
from consultation_app.exchange.catalog_workbook import (
    UNCLUSTERED,
    CatalogWorkbook,
    read_catalog_workbook,
    write_catalog_workbook,
)
from consultation_app.storage import catalog_store, keys_store, settings_store
from consultation_app.storage.store import Store

FORMATS = ("auto", "upr-catalog", sources.UHRI_XLSX, sources.UHRI_JSON, sources.UWAZI_CSV, "workbook")
OFFICE_KEY = "catalog_office_key"  # the public key this laptop trusts for catalog packages
NEW, UPDATE, UNCHANGED = "new", "update", "unchanged"
SOURCE_NAMES = {sources.UHRI_XLSX: "OHCHR Universal Human Rights Index (XLSX download)",
                sources.UHRI_JSON: "OHCHR Universal Human Rights Index (JSON download)",
                sources.UWAZI_CSV: "UPR Info database (Uwazi CSV export)"}


@dataclass
class ImportOptions:
    format: str = "auto"
    country: str | None = None
    cycle: int | None = None
    body: str | None = None
    catalog_id: str | None = None
    title: str | None = None
    skip_bad_rows: bool = False
    accept_new_key: bool = False


@dataclass
class ImportPlan:
    path: Path
    format: str
    catalog: Catalog
    status: str  # new, update or unchanged
    installed_version: str | None
    total_rows: int
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)
    added: int = 0
    changed: int = 0
    retired: int = 0
    signed_by: str = ""  # the office key that signed a package, when its signature holds
    trust_new_key: bool = False  # the first package this laptop takes from an office
    content_sha256: str = ""

    def as_json(self) -> dict:
        return {"path": str(self.path), "format": self.format, "catalog_id": self.catalog.catalog_id,
                "version": self.catalog.version, "installed_version": self.installed_version,
                "status": self.status, "rows": self.total_rows,
                "recommendations": len(self.catalog.recommendations), "added": self.added,
                "changed": self.changed, "retired": self.retired,
                "bad_rows": [{"row": row, "problem": problem} for row, problem in self.bad_rows],
                "filtered": self.filtered, "signed": bool(self.signed_by)}


def detect_format(path: Path) -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file").keyed("file_missing", file=path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return sources.UWAZI_CSV
    if suffix == ".json":
        try:
            with open(path, "rb") as handle:
                head = handle.read(65536)
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error.strerror or error})").keyed(
                "file_unreadable", file=path, error=error.strerror or error) from None
        uhri = b'"AnnotationId"' in head
        return sources.UHRI_JSON if uhri else "upr-catalog"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"  # workbook or UHRI: told apart by the sheets, once opened safely
    raise InputError(f"{path.name}: cannot tell the format from the name; give --format "
                     f"({', '.join(FORMATS[1:])})").keyed("catalog_unknown_format", file=path.name)


# -- from a source download to a catalog --------------------------------------------------------
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:24] or "all"


def catalog_from_source(read: sources.SourceRead, options: ImportOptions) -> tuple[Catalog, list[tuple[int, str]]]:
    """The rows of a download as a catalog under one 'not yet clustered' heading; codes from
    the paragraph numbers. Two rows with one code are reported, not guessed between."""
    bad = list(read.bad_rows)
    recs: list[Recommendation] = []
    codes: dict[str, int] = {}
    for row in read.rows:
        code = row.paragraph or (f"U-{row.source_key[:8]}" if row.source_key else f"R-{row.row}")
        if code in codes:
            bad.append((row.row, f"code {code} is also on row {codes[code]} (two reviews in one file? "
                                 f"filter with --cycle or --country)"))
            continue
        codes[code] = row.row
        recs.append(Recommendation(
            code=code, heading=UNCLUSTERED[0], text=row.text, sdgs=row.sdgs, position=row.position,
            recommending_states=row.recommending_states, paragraph=row.paragraph, source_key=row.source_key,
            themes=row.themes, sdg_targets=row.sdg_targets, affected_persons=row.affected_persons,
            document_symbol=row.document_symbol, session=row.session))
    if not recs:
        reasons = "; ".join(f"{n} {why}" for why, n in read.filtered.items())
        details = (f"{read.total_rows} rows read" + (f"; {reasons}" if reasons else "")
                   + (f"; row {bad[0][0]}: {bad[0][1]}" if bad else ""))
        raise InputError(f"{read.path.name}: no recommendation matched ({details})").keyed(
            "catalog_no_match", file=read.path.name, details=details)
    cycles = {row.cycle for row in read.rows if row.cycle}
    cycle = options.cycle or (cycles.pop() if len(cycles) == 1 else None)
    body = options.body or ("UPR" if all(r.body == "UPR" for r in read.rows) else "")
    catalog_id = options.catalog_id or "-".join(
        [_slug(options.country or "all"), f"{(body or 'all').lower()}{cycle or ''}",
         "uprinfo" if read.format == sources.UWAZI_CSV else "uhri"])
    dates = [row.published for row in read.rows if row.published]
    version = max(dates).replace("-", ".") if dates else dt.date.today().strftime("%Y.%m.%d")
    title = options.title or " ".join(filter(None, [
        f"{body or 'All'} recommendations", f"to {options.country}" if options.country else "",
        f"(cycle {cycle})" if cycle else ""]))
    return Catalog(catalog_id=catalog_id, version=version, title=title, source=SOURCE_NAMES[read.format],
                   date=max(dates) if dates else "", country=options.country or "", cycle=cycle, body=body,
                   headings=(Heading(UNCLUSTERED[0], None, UNCLUSTERED[1], UNCLUSTERED[2]),),
                   recommendations=tuple(recs)), bad


def keep_local_work(new: Catalog, stored: Catalog) -> Catalog:
    """A newer download of a catalog the office already clustered and translated: texts and
    source fields from the download, clusters, Khmer texts and groups kept from the stored one
    (matched by source key, else by code). A changed English text marks its Khmer text as a
    working translation again."""
    by_key = {r.source_key: r for r in stored.recommendations if r.source_key}
    by_code = {r.code: r for r in stored.recommendations}
    keys = {h.key for h in stored.headings}
    recs = []
    for rec in new.recommendations:
        old = by_key.get(rec.source_key) if rec.source_key else None
        old = old or by_code.get(rec.code)
        if old is not None:
            status = old.km_status if old.text == rec.text or not old.text_km else "working"
            rec = dataclasses.replace(rec, code=old.code, heading=old.heading, text_km=old.text_km,
                                      km_status=status, groups=old.groups)
        recs.append(rec)
    headings = list(stored.headings)
    if UNCLUSTERED[0] not in keys and any(r.heading == UNCLUSTERED[0] for r in recs):
        headings.append(Heading(UNCLUSTERED[0], None, UNCLUSTERED[1], UNCLUSTERED[2]))
    return dataclasses.replace(new, headings=tuple(headings), recommendations=tuple(recs),
                               title=stored.title, title_km=stored.title_km,
                               translation_note=stored.translation_note)


# -- planning ------------------------------------------------------------------------------
@dataclass
class SourceFile:
    """A file read and parsed, before anything is compared with the database: made off the
    GUI thread (File > Import catalog…), the comparison then on it."""
    path: Path
    format: str
    read: sources.SourceRead | None = None
    package: CatalogWorkbook | None = None
    catalog: Catalog | None = None  # an upr-catalog file


def read_file(path: str | Path, options: ImportOptions) -> SourceFile:
    """Read and parse ``path`` (no database): the slow half of an import. A refusal of the
    file's inner structure (a catalog JSON field, a row's column: domain/catalog.py) that has
    no message key of its own is keyed here as the file refused, its English detail kept."""
    path = Path(path)
    try:
        return _read_file(path, options)
    except InputError as error:
        if error.key is None and str(error).startswith((str(path), path.name)):
            raise error.keyed("catalog_file_refused", file=path.name,
                              detail=str(error).removeprefix(str(path)).removeprefix(path.name).lstrip(": ")) \
                from None
        raise


def _read_file(path: Path, options: ImportOptions) -> SourceFile:
    if options.format not in FORMATS:
        raise InputError(f"unknown format {options.format!r}; one of {', '.join(FORMATS)}")
    fmt = detect_format(path) if options.format == "auto" else options.format
    filters = sources.Filters(options.country, options.cycle, options.body)
    if fmt == "xlsx":
        from consultation_app.exchange.catalog_workbook import is_catalog_workbook
        from consultation_app.exchange.safety import open_checked

        workbook = open_checked(path)
        if is_catalog_workbook(workbook):
            return SourceFile(path, "workbook", package=read_catalog_workbook(path, workbook))
        try:
            rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as error:
            raise InputError(f"{path.name}: the first sheet cannot be read ({error})").keyed(
                "catalog_first_sheet", file=path.name, error=error) from None
        return SourceFile(path, sources.UHRI_XLSX, read=sources.read_uhri_rows(path, rows, filters))
    if fmt == "workbook":
        return SourceFile(path, fmt, package=read_catalog_workbook(path))
    if fmt == "upr-catalog":
        return SourceFile(path, fmt, catalog=read_catalog_file(path))
    readers = {sources.UHRI_XLSX: sources.read_uhri_xlsx, sources.UHRI_JSON: sources.read_uhri_json,
               sources.UWAZI_CSV: sources.read_uwazi_csv}
    return SourceFile(path, fmt, read=readers[fmt](path, filters))


def plan_import(db: Store, path: str | Path, options: ImportOptions) -> ImportPlan:
    return plan_from_file(db, read_file(path, options), options)


def plan_from_file(db: Store, source: SourceFile, options: ImportOptions) -> ImportPlan:
    """What importing ``source`` would do to this database (the quick half of an import)."""
    path, fmt = source.path, source.format
    bad: list[tuple[int, str]] = []
    filtered: dict[str, int] = {}
    signed_by, trust_new = "", False
    edit = True  # an edit at this office: a changed content gets the next version
    if fmt == "upr-catalog":
        assert source.catalog is not None
        catalog, total = source.catalog, None
        edit = False
    elif fmt == "workbook":
        package = source.package
        assert package is not None
        catalog, bad, total = package.catalog, package.bad_rows, package.total_rows
        if options.catalog_id or options.title:
            catalog = dataclasses.replace(catalog, catalog_id=options.catalog_id or catalog.catalog_id,
                                          title=options.title or catalog.title)
        signed_by, trust_new, edit = _check_package(db, path, package, catalog, options)
    else:
        assert source.read is not None
        catalog, bad = catalog_from_source(source.read, options)
        filtered, total = source.read.filtered, source.read.total_rows
        stored = catalog_store.stored_catalog(db, catalog.catalog_id)
        if stored is not None:
            catalog = keep_local_work(catalog, stored)
    if bad and not options.skip_bad_rows:
        first = "; ".join(f"row {row}: {problem}" for row, problem in bad[:3])
        more = f" (and {len(bad) - 3} more)" if len(bad) > 3 else ""
        raise InputError(f"{path.name}: {len(bad)} row(s) cannot be read: {first}{more}; nothing was imported "
                         f"(--skip-bad-rows imports the others)").keyed("catalog_bad_rows", file=path.name,
                                                                         count=len(bad), first=f"{first}{more}")
    return _compare(db, path, fmt, catalog, bad, filtered, total, signed_by, trust_new, edit)


def _check_package(db: Store, path: Path, package: CatalogWorkbook, catalog: Catalog,
                   options: ImportOptions) -> tuple[str, bool, bool]:
    """(signer, first key to trust, edit?) for a catalog workbook. Refused: a package whose
    values changed after another office signed it, one signed by a key this laptop does not
    trust, and an unsigned workbook that would replace a catalog the office signed."""
    own = keys_store.signing_public_key(db)
    trusted = settings_store.get(db, OFFICE_KEY)
    installed = catalog_store.installed(db, catalog.catalog_id)
    if package.signature:
        intact = package.content_sha256 == catalog_digest(catalog) and signature_valid(
            package.signed_by, catalog.catalog_id, catalog.version, package.content_sha256, package.signature)
        if own and package.signed_by == own:
            return ("", False, True) if not intact else (own, False, False)
        if not intact:
            raise InputError(f"{path.name}: the catalog was changed after the office signed it (its values or "
                             f"its signature do not match); nothing was imported").keyed("catalog_changed",
                                                                                          file=path.name)
        if trusted and trusted != package.signed_by and not options.accept_new_key:
            raise InputError(f"{path.name}: signed by a key this laptop does not trust (not the office key it "
                             f"took its catalogs from); nothing was imported (--accept-new-key if the office "
                             f"changed its key)").keyed("catalog_untrusted_key", file=path.name)
        return package.signed_by, trusted != package.signed_by, False
    if installed and installed["signed_by"] and installed["signed_by"] != own:
        raise InputError(f"{path.name}: catalog {catalog.catalog_id} came signed by the office and this "
                         f"workbook is not signed; nothing was imported").keyed(
            "catalog_unsigned_over_signed", file=path.name, catalog=catalog.catalog_id)
    if trusted:  # a field laptop: it takes catalogs from its office only
        raise InputError(f"{path.name}: the workbook is not signed; this laptop takes catalogs signed by its "
                         f"office only; nothing was imported").keyed("catalog_unsigned", file=path.name)
    return "", False, True


def _compare(db: Store, path: Path, fmt: str, catalog: Catalog, bad: list[tuple[int, str]], filtered: dict[str, int],
             total: int | None, signed_by: str, trust_new: bool, edit: bool) -> ImportPlan:
    installed = catalog_store.installed(db, catalog.catalog_id)
    digest = catalog_digest(catalog)
    plan = ImportPlan(path, fmt, catalog, NEW, installed["version"] if installed else None,
                      total if total is not None else len(catalog.recommendations), bad, filtered,
                      signed_by=signed_by, trust_new_key=trust_new, content_sha256=digest)
    if installed is None:
        plan.added = len(catalog.recommendations)
        return plan
    if not edit and version_key(catalog.version) < version_key(installed["version"]):
        raise InputError(f"catalog {catalog.catalog_id} version {catalog.version} is older than the version "
                         f"{installed['version']} already loaded; nothing was changed").keyed(
            "catalog_older", catalog=catalog.catalog_id, version=catalog.version, held=installed["version"])
    stored = catalog_store.stored_catalog(db, catalog.catalog_id)
    assert stored is not None  # installed above
    same_version = version_key(catalog.version) == version_key(installed["version"])
    if catalog_digest(stored) == digest or (same_version and not edit):
        plan.status = UNCHANGED  # a file's version says what it holds: the same version changes nothing
        plan.catalog = dataclasses.replace(catalog, version=installed["version"])
        return plan
    if edit and version_key(catalog.version) <= version_key(installed["version"]):
        plan.catalog = dataclasses.replace(catalog, version=next_version(installed["version"]))
    plan.status = UPDATE
    old = {r.code: r for r in stored.recommendations}
    new_codes = {r.code for r in plan.catalog.recommendations}
    plan.added = sum(1 for code in new_codes if code not in old)
    plan.changed = sum(1 for r in plan.catalog.recommendations if r.code in old and r != old[r.code])
    plan.retired = sum(1 for code in old if code not in new_codes)
    return plan


def apply(db: Store, plan: ImportPlan) -> catalog_store.LoadResult:
    if plan.status == UNCHANGED:
        return catalog_store.LoadResult(plan.catalog.catalog_id, plan.catalog.version, catalog_store.UNCHANGED,
                                        plan.installed_version, len(plan.catalog.recommendations))
    result = catalog_store.load_catalog(db, plan.catalog, content_sha256=plan.content_sha256,
                                        signed_by=plan.signed_by)
    if plan.trust_new_key and plan.signed_by:
        settings_store.put(db, OFFICE_KEY, plan.signed_by)
    return result


def export_catalog(db: Store, catalog_id: str, out: str | Path) -> Path:
    """The catalog workbook, signed with this installation's key (the office's, at the office)."""
    catalog = catalog_store.stored_catalog(db, catalog_id)
    if catalog is None:
        raise NotFoundError(f"no catalog {catalog_id!r}; see 'consultation-app catalog catalogs'")
    private, public = keys_store.ensure_signing_key(db)
    digest, signature = sign_catalog(private, catalog)
    return write_catalog_workbook(out, catalog, (digest, public, signature))
