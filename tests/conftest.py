import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from consultation_app import paths  # noqa: E402

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
def workspace(data_dir):
    from consultation_app.services.workspace import Workspace

    ws = Workspace()
    yield ws
    ws.close()
