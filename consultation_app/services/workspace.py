"""One open data folder: its database (migrated), this installation's identity, the
reference lists and the bundled catalogs. The CLI and the desktop app both start here."""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path

from consultation_app import paths
from consultation_app.domain.catalog import read_catalog_file, version_key
from consultation_app.domain.reference import ReferenceLists
from consultation_app.services import identity
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import backup, catalog_store, errors, settings_store, stats
from consultation_app.storage.connection import open_database
from consultation_app.storage.errors import DamagedDatabaseError, DatabaseCorruptError, classify
from consultation_app.storage.records_store import RecordStore
from consultation_app.storage.store import Store

log = logging.getLogger(__name__)


class StartupCheck:
    """The start-up quick check of an existing database, begun on a worker thread before the
    window's modules load. SQLite releases the GIL while it reads, so on a laptop's second core
    the check costs the officer no wait; the database is still opened for writing only after
    it has passed (``Workspace(check=...)`` waits for it)."""

    def __init__(self, database_path: Path):
        self.database_path = Path(database_path)
        self._passed: bool | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="startup-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._passed = backup.quick_check(self.database_path)
        except BaseException as error:  # raised again on the thread that opens the database
            self._error = error

    def passed(self) -> bool:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return bool(self._passed)


class Workspace:
    def __init__(self, database_path: Path | None = None, reference: ReferenceLists | None = None,
                 check: StartupCheck | None = None):
        self.database_path = Path(database_path or paths.database_path())
        self.db = open_checked(self.database_path, check)
        try:
            self.device_id = settings_store.ensure_installation(self.db)
            self.reference = reference or default_reference()
            self.records = RecordStore(self.db, self.device_id, self.reference,
                                       officer=settings_store.get(self.db, settings_store.OFFICER_NAME, "") or "")
            self.catalog_results = self.load_bundled_catalogs()
            # A data folder or disk copied from another laptop (services/identity.py).
            self.copied_from_another_computer = identity.copied_from_another_computer(self.db)
        except BaseException as error:
            self.db.close()
            if isinstance(error, DatabaseCorruptError) or isinstance(error, errors.DATABASE_ERRORS):
                failure = error if isinstance(error, DatabaseCorruptError) else classify(error, self.database_path)
                if isinstance(failure, DatabaseCorruptError):
                    raise damaged_database_error(self.database_path, error) from error
                if failure is not None:  # a full disk, a busy database: said as such
                    raise failure from error
            raise

    def load_bundled_catalogs(self) -> list[catalog_store.LoadResult]:
        """First start loads the annex; a newer bundled version updates texts, never feedback."""
        results = []
        for path in sorted(paths.catalogs_dir().glob("*.json")):
            catalog = read_catalog_file(path)
            installed = {c["catalog_id"]: c["version"] for c in catalog_store.list_catalogs(self.db)}
            if catalog.catalog_id in installed and version_key(installed[catalog.catalog_id]) > version_key(
                    catalog.version):
                continue  # central staff imported a newer one; keep it
            results.append(catalog_store.load_catalog(self.db, catalog))
        return results

    def backup_if_due(self, now: datetime | None = None) -> backup.BackupInfo | None:
        """The daily backup (``backup_if_due`` below) of this workspace's database."""
        return backup_if_due(self.database_path, now)

    def reopen(self) -> None:
        """Open the database again after its file was replaced while closed (a passphrase set or
        removed): the same checks as at start, then the same records store on the new
        connection. Whoever holds this Workspace keeps using ``workspace.db``."""
        self.db = open_checked(self.database_path)
        self.records.db = self.db

    def become_new_device(self) -> tuple[str, str]:
        """This copied installation becomes a device of its own (services/identity.py)."""
        former, new = identity.become_new_device(self.db)
        self.device_id = self.records.device_id = new
        self.copied_from_another_computer = False
        return former, new

    def confirm_same_computer(self) -> None:
        identity.confirm_same_computer(self.db)
        self.copied_from_another_computer = False

    @property
    def device_name(self) -> str:
        return settings_store.get(self.db, settings_store.DEVICE_NAME, "") or ""

    @property
    def officer(self) -> str:
        """Who records changes here (implementation status revisions are attributed to them)."""
        return self.records.officer

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def backup_if_due(database_path: Path, now: datetime | None = None) -> backup.BackupInfo | None:
    """A verified 'daily' backup when none was made in the last 24 hours, then rotation of the
    backups folder. It reads and records the time of the last backup through a connection of
    its own, so the desktop app runs it on its background helper while the officer types
    (a 50 MB database takes a few hundred ms to copy)."""
    with open_database(database_path) as db:
        if not backup.due(db, now):
            return None
        info = backup.make_backup(database_path, backup.DAILY, clock=(lambda: now) if now else None)
        backup.record_backup(db, info)
    backup.rotate(folder=info.path.parent, now=now)
    log.info("backup %s (%d bytes, verified)", info.path, info.size)
    return info


def open_checked(database_path: Path, check: StartupCheck | None = None) -> Store:
    """Open (and migrate) the database, refusing a damaged file with DamagedDatabaseError:
    an existing file must pass a quick check before anything writes to it (``check``: one
    already begun on that file)."""
    if check is not None and check.database_path != database_path:
        check = None
    from consultation_app.services.recovery import recover_at_start

    recover_at_start(database_path)  # a killed passphrase conversion is finished or undone first
    try:
        if database_path.is_file() and not (check.passed() if check else backup.quick_check(database_path)):
            raise DatabaseCorruptError(f"{database_path}: the quick check found damage")
        return open_database(database_path)
    except DatabaseCorruptError as error:
        raise damaged_database_error(database_path, error) from error


def damaged_database_error(database_path: Path, cause: Exception | None = None) -> DamagedDatabaseError:
    folder = backup.backups_folder_for(database_path, create=False)
    good = backup.newest_good_backup(folder)
    offer = (f"the newest good backup is from {good.date_text} ({good.path}); the restore command "
             f"puts it back" if good
             else f"no good backup was found in {folder}")
    log.info("damaged database %s (%s); %s", database_path, cause, offer)  # stderr gets one line, not two
    what = getattr(cause, "reason", None) or "the database file is damaged"  # schema_check.ForeignSchemaError's
    return DamagedDatabaseError(f"{database_path}: {what}; {offer}", database_path, good)


def summary(workspace: Workspace) -> dict:
    from consultation_app.services.network_folder import data_folder_warning
    from consultation_app.storage import conflict_queries

    return {
        **stats.record_counts(workspace.db),
        "conflicts": conflict_queries.open_conflict_count(workspace.db),  # merge conflicts waiting for review
        "device_id": workspace.device_id,
        "device_name": workspace.device_name,
        "data_dir": str(workspace.database_path.parent),
        # the store these counts are of: the data folder's file, or a PostgreSQL server (no password)
        "database": getattr(workspace, "label", str(workspace.database_path)),
        # why SQLite is unsafe where the data folder is (network share, cloud sync), or None
        "data_folder_warning": None if hasattr(workspace, "label") else data_folder_warning(
            workspace.database_path.parent),
    }
