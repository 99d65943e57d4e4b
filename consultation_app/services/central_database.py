"""The central office's database on a PostgreSQL server (docs/central-postgresql.md).

``--database postgresql://user@host/db`` or the environment variable
``CONSULTATION_APP_DATABASE`` points the central commands at it; field capture stays on the
data folder's SQLite database. ``CentralDatabase`` offers what those commands use of a
``Workspace`` (``db``, ``device_id``, ``device_name``), so they run unchanged on either engine.
The URL's password is never printed: ``label`` is the address without it.
"""

from __future__ import annotations

import os
from pathlib import Path

from consultation_app import paths
from consultation_app.errors import AppError
from consultation_app.storage import settings_store
from consultation_app.storage.pg_connection import is_postgresql_url, open_postgresql, shown

DATABASE_ENV = "CONSULTATION_APP_DATABASE"
# The commands that run on PostgreSQL so far; the others refuse a server address rather than
# quietly using the data folder's SQLite database.
POSTGRESQL_COMMANDS = ("summary", "conflicts", "merge", "master-export", "report", "matrix", "implementation",
                       "institution", "receipt", "consent")
# Of a command above, only these actions run on a server (the others are a laptop's).
POSTGRESQL_ACTIONS = {"consent": ("sweep",)}


def shown_commands() -> str:
    """The commands that run on a server, as a message lists them ("consent sweep", not "consent")."""
    return ", ".join(f"{command} {' '.join(POSTGRESQL_ACTIONS[command])}" if command in POSTGRESQL_ACTIONS
                     else command for command in POSTGRESQL_COMMANDS)


def runs_on_postgresql(command: str, action: str | None) -> bool:
    """Whether ``command`` (with its ``action``, for those that have some) runs on a server."""
    return command in POSTGRESQL_COMMANDS and (command not in POSTGRESQL_ACTIONS
                                               or action in POSTGRESQL_ACTIONS[command])


def database_address(option: str | None) -> str | None:
    """The server address from ``--database`` or else the environment; None: the data folder's
    SQLite database. Anything but a postgresql:// address is refused (one line, no secret)."""
    value = option if option else os.environ.get(DATABASE_ENV, "")
    if not value:
        return None
    if not is_postgresql_url(value):
        source = "--database" if option else DATABASE_ENV
        raise AppError(f"{source} must be a postgresql://user@host/database address (the data folder's own "
                       f"SQLite database needs neither)")
    return value


class CentralDatabase:
    """The central store on a PostgreSQL server, opened and migrated by the app's schema steps."""

    def __init__(self, url: str):
        self.label = shown(url)
        self.url = url  # for the merge's own connections; never printed (label is)
        self.db = open_postgresql(url)
        try:
            self.device_id = settings_store.ensure_installation(self.db)
            self.load_bundled_catalogs()
        except BaseException:
            self.db.close()
            raise
        self.copied_from_another_computer = False  # a server is not a copied data folder
        self.database_path = Path(paths.data_dir(create=False)) / paths.DATABASE_NAME  # logs, backups: local
        from consultation_app.services.reference_lists import default_reference
        from consultation_app.storage.records_store import RecordStore

        self.reference = default_reference()
        # What the keep-until sweep withdraws through (services/consent.sweep), as a data folder's.
        self.records = RecordStore(self.db, self.device_id, self.reference, officer=self.officer)

    def load_bundled_catalogs(self) -> None:
        """As a data folder does at every start (Workspace.load_bundled_catalogs): the bundled
        catalogs, unless the office loaded a newer version; a merge checks codes against them."""
        from consultation_app.domain.catalog import read_catalog_file, version_key
        from consultation_app.storage import catalog_store

        for path in sorted(paths.catalogs_dir().glob("*.json")):
            catalog = read_catalog_file(path)
            installed = {c["catalog_id"]: c["version"] for c in catalog_store.list_catalogs(self.db)}
            if installed.get(catalog.catalog_id) == catalog.version or (
                    catalog.catalog_id in installed
                    and version_key(installed[catalog.catalog_id]) > version_key(catalog.version)):
                continue
            catalog_store.load_catalog(self.db, catalog)

    @property
    def officer(self) -> str:
        """Who records changes from this computer: the officer set in its data folder, else the
        login name (the server's own settings are the whole office's)."""
        import getpass

        local = settings_store.peek(self.database_path, settings_store.OFFICER_NAME)
        if local:
            return local
        try:
            return getpass.getuser()
        except (KeyError, OSError):  # no login name (a container, a service account without one)
            return ""

    @property
    def device_name(self) -> str:
        return settings_store.get(self.db, settings_store.DEVICE_NAME) or ""

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "CentralDatabase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
