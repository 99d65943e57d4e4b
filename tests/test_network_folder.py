"""A data folder where SQLite is unsafe (network filesystem, cloud-synced folder) is named at
start and in `summary`, pointing to the PostgreSQL option (services/network_folder.py)."""

from __future__ import annotations

import json

from consultation_app.cli.main import EXIT_OK, main
from consultation_app.services import network_folder
from consultation_app.services.network_folder import mount_type, unsafe_place, windows_is_remote

# /proc/self/mountinfo as Linux writes it (a CIFS share, an NFS export, a path with a space).
MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/office rw,relatime shared:20 - cifs //fileserver/office rw,vers=3.1.1
41 40 0:36 / /mnt/office/local rw,relatime shared:21 - ext4 /dev/sdb1 rw
42 22 0:37 / /srv/nfs\\040share rw,relatime shared:22 - nfs4 server:/export rw
43 22 0:38 / /tmp rw,nosuid shared:23 - tmpfs tmpfs rw
"""


def test_the_mount_holding_a_folder_is_the_longest_mount_point_above_it():
    from pathlib import Path

    assert mount_type(Path("/mnt/office/central/data"), MOUNTINFO) == "cifs"
    assert mount_type(Path("/mnt/office/local/data"), MOUNTINFO) == "ext4"
    assert mount_type(Path("/mnt/officeX"), MOUNTINFO) == "ext4"
    assert mount_type(Path("/srv/nfs share/data"), MOUNTINFO) == "nfs4"
    assert mount_type(Path("/home/officer"), MOUNTINFO) == "ext4"


def test_windows_unc_paths_and_mapped_network_drives_are_remote():
    assert windows_is_remote(r"\\fileserver\office\data", drive_type=lambda root: 3)
    assert windows_is_remote(r"Z:\data", drive_type=lambda root: 4 if root == "Z:\\" else 3)
    assert not windows_is_remote(r"C:\Users\officer\data", drive_type=lambda root: 3)


def test_cloud_synced_folders_are_named(tmp_path):
    folder = tmp_path / "OneDrive - UN Cambodia" / "consultation-data"
    folder.mkdir(parents=True)
    assert unsafe_place(folder) == "a cloud-synced folder (OneDrive - UN Cambodia)"
    assert unsafe_place(tmp_path) is None


def _fake_mounts(tmp_path, monkeypatch, fs_type: str):
    mounts = tmp_path / "mountinfo"
    mounts.write_text(f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                      f"40 22 0:35 / {tmp_path} rw - {fs_type} //fileserver/office rw\n")
    monkeypatch.setattr(network_folder, "MOUNTINFO", mounts)


def test_a_data_folder_on_a_network_share_is_warned_at_start_and_in_summary(tmp_path, monkeypatch, capsys):
    _fake_mounts(tmp_path, monkeypatch, "cifs")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "summary", "--json"]) == EXIT_OK
    out, err = capsys.readouterr()
    warning = json.loads(out)["data_folder_warning"]
    assert "network filesystem (cifs)" in warning and "postgresql://" in warning
    assert err.strip().splitlines() == [f"consultation-app: warning: {warning}"]


def test_a_local_data_folder_has_no_warning(tmp_path, monkeypatch, capsys):
    _fake_mounts(tmp_path, monkeypatch, "ext4")
    assert main(["--data-dir", str(tmp_path / "data"), "summary", "--json"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert json.loads(out)["data_folder_warning"] is None and err == ""


def test_the_desktop_app_shows_the_warning_in_its_status_bar(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QLabel

    from consultation_app.ui.main_window import MainWindow
    from tests.conftest import open_device

    _fake_mounts(tmp_path, monkeypatch, "nfs4")
    workspace = open_device(tmp_path / "data")
    try:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        label = window.statusBar().findChild(QLabel, "unsafe_folder_warning")
        assert label is not None and "PostgreSQL server" in label.text()
        assert "network filesystem (nfs4)" in label.toolTip()
    finally:
        workspace.close()
