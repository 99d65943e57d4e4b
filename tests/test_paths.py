"""Every location comes from one module: data never in the install folder, resources found
from source and frozen."""

import sys
from pathlib import Path

from consultation_app import paths


def test_default_data_folder_is_per_user_not_the_install_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    paths.set_data_dir(None)
    install = tmp_path / "install"
    monkeypatch.setattr(sys, "_MEIPASS", str(install), raising=False)
    folder = paths.data_dir(create=False)
    assert str(folder).startswith(str(tmp_path / "xdg"))
    assert folder.parts[-2:] == ("upr-consultation", "consultation-app")
    assert not str(folder).startswith(str(install))


def test_resources_from_source_and_frozen(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.RESOURCES_ENV, raising=False)
    source = paths.resources_dir()
    assert (source / "catalogs" / "khm-upr3-2019.json").exists()
    assert (source / "fonts" / "NotoSansKhmer-Regular.ttf").exists()
    assert (source / "fonts" / "OFL.txt").exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == Path(tmp_path) / "resources"


def test_override_wins_over_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    paths.set_data_dir(tmp_path / "explicit")
    try:
        assert paths.data_dir() == (tmp_path / "explicit").resolve()
        assert paths.database_path().parent == (tmp_path / "explicit").resolve()
    finally:
        paths.set_data_dir(None)
    assert paths.data_dir() == (tmp_path / "from-env").resolve()
