import os
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from consultation_app import paths  # noqa: E402
from tests.pg_server import pg_server, pg_url  # noqa: E402, F401  (PostgreSQL fixtures)

# The machine marker (services/identity.py) of the computer the tests run on: never the real
# per-user one. A test that plays another computer points the variable elsewhere.
if not os.environ.get(paths.MACHINE_DIR_ENV):
    import tempfile  # noqa: E402

    os.environ[paths.MACHINE_DIR_ENV] = tempfile.mkdtemp(prefix="consultation-machine-")

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh data folder for one test; the environment cannot leak a real one in."""
    folder = tmp_path / "data"
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


@pytest.fixture
def forget_keys():
    """No database key known to this process before or after the test (the kill tests unlock
    encrypted folders in this process), and no data folder left set."""
    from consultation_app.storage import encryption

    encryption.forget()
    yield
    encryption.forget()
    paths.set_data_dir(None)


@pytest.fixture
def workspace(data_dir):
    from consultation_app.services.workspace import Workspace

    ws = Workspace()
    yield ws
    ws.close()


def open_device(folder, name: str | None = None):
    """A field laptop's data folder (or the central office's: it is an installation too)."""
    from consultation_app.paths import DATABASE_NAME
    from consultation_app.services.reference_lists import default_reference
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import settings_store

    folder.mkdir(parents=True, exist_ok=True)
    ws = Workspace(folder / DATABASE_NAME, default_reference())
    if name:
        settings_store.put(ws.db, settings_store.DEVICE_NAME, name)
    return ws


@pytest.fixture
def open_ws(tmp_path):
    """open_ws(name, device_name=None) -> a Workspace in tmp_path/name, closed at the end of the test."""
    opened = []

    def make(name: str, device_name: str | None = None):
        ws = open_device(tmp_path / name, device_name)
        opened.append(ws)
        return ws
    yield make
    for ws in opened:
        try:
            ws.close()
        except Exception:
            pass


def query(db_path, sql: str, params=()):
    """Rows read straight from a database file, past the app: what the tests check it against."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def dump(db_path, exclude=("merge_log",)) -> dict[str, list[tuple]]:
    """Every table but the merge log, every row, sorted by its repr (types included): what
    'nothing was written' is compared with."""
    tables = [name for (name,) in query(db_path, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {table: sorted(query(db_path, f'SELECT * FROM "{table}"'), key=repr)
            for table in tables if table not in exclude}


def edit_copy(source, target, change):
    """A copy of a workbook edited in openpyxl, as a person would in a spreadsheet."""
    import openpyxl

    book = openpyxl.load_workbook(source)
    change(book)
    book.save(target)
    book.close()
    return target
