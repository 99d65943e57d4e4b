"""One open data folder: its database (migrated), this installation's identity, the
reference lists and the bundled catalogs. The CLI and the desktop app both start here."""

from __future__ import annotations

import logging
from pathlib import Path

from consultation_app import paths
from consultation_app.domain.catalog import read_catalog_file, version_key
from consultation_app.domain.reference import ReferenceLists, default_reference
from consultation_app.storage import catalog_store, settings_store, stats
from consultation_app.storage.connection import open_database
from consultation_app.storage.records_store import RecordStore

log = logging.getLogger(__name__)


class Workspace:
    def __init__(self, database_path: Path | None = None, reference: ReferenceLists | None = None):
        self.database_path = Path(database_path or paths.database_path())
        self.db = open_database(self.database_path)
        self.device_id = settings_store.ensure_installation(self.db)
        self.reference = reference or default_reference()
        self.records = RecordStore(self.db, self.device_id, self.reference,
                                   officer=settings_store.get(self.db, settings_store.OFFICER_NAME, "") or "")
        self.catalog_results = self.load_bundled_catalogs()

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

    @property
    def device_name(self) -> str:
        return settings_store.get(self.db, settings_store.DEVICE_NAME, "") or ""

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def summary(workspace: Workspace) -> dict:
    return {
        **stats.record_counts(workspace.db),
        "device_id": workspace.device_id,
        "device_name": workspace.device_name,
        "data_dir": str(workspace.database_path.parent),
    }
