"""A password-protected export killed with SIGKILL before every file-system step and at random
moments leaves, once the next start has run, no file holding what people said anywhere but
in the (encrypted) database: not on the USB stick, not in the data folder's scratch, not in
the system's temporary folder. Read as raw bytes and inside every zip member, partial zips
included, as someone who picked up the stick would. An unprotected export killed the same way
leaves no partial file on the stick after the next start.

The kills come from tests/crash_points.py, run as tests/crash_runs.py says (see
test_crash_passphrase.py)."""

from __future__ import annotations

import os
import shutil
import signal
import zlib
from pathlib import Path

import pytest

from consultation_app import paths
from consultation_app.cli.main import main
from consultation_app.services import passphrase
from consultation_app.storage import encryption
from tests.crash_runs import kill_schedule, marked_folder, run_cli, run_killed, steps_of

PASS = "mekong river at dawn"
PASSWORD = "stick-password-2024"
MARKER = "Qx7Vannak-named-the-commander-8830"
FEEDBACK_ROWS = 400
RANDOM_KILLS = 6

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
              pytest.mark.usefixtures("forget_keys")]


@pytest.fixture(scope="module")
def encrypted_folder(tmp_path_factory):
    """A data folder whose database is protected by a passphrase, with feedback holding MARKER
    (not sensitive: it goes into every export)."""
    folder = marked_folder(tmp_path_factory.mktemp("export-kills") / "data", MARKER, FEEDBACK_ROWS,
                           "The village was moved. " * 20, title="Koh Kong consultation",
                           stakeholder_group="civil_society", province="koh_kong")
    passphrase.set_passphrase(folder / paths.DATABASE_NAME, PASS)
    encryption.forget()
    return folder


def texts_in(data: bytes) -> list[bytes]:
    """The raw bytes and the inflated contents of every zip entry found in them, read from the
    local headers (a zip cut by a kill has no central directory): as much as each yields."""
    found = [data]
    start = data.find(b"PK\x03\x04")
    while start != -1:
        header = data[start:start + 30]
        if len(header) == 30:
            method = int.from_bytes(header[8:10], "little")
            name_length = int.from_bytes(header[26:28], "little")
            extra_length = int.from_bytes(header[28:30], "little")
            body = data[start + 30 + name_length + extra_length:]
            if method == 8:
                try:
                    found.append(zlib.decompressobj(-15).decompress(body))
                except zlib.error:
                    pass
            else:
                found.append(body)
        start = data.find(b"PK\x03\x04", start + 4)
    return found


def files_holding_marker(*folders: Path) -> list[str]:
    holding = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if any(MARKER.encode() in text for text in texts_in(path.read_bytes())):
                holding.append(str(path))
    return holding


def export_command(data: Path, out: Path, temp: Path, protected: bool) -> tuple[list[str], dict[str, str]]:
    """The export's arguments and environment: the database's passphrase, the stick's password
    and a temporary folder of its own (to find what a kill leaves there)."""
    args = ["--data-dir", str(data), "--passphrase-env", "DB_PP", "export", "--out", str(out)]
    if protected:
        args += ["--password-env", "EXPORT_PW"]
    return args, {"DB_PP": PASS, "EXPORT_PW": PASSWORD, "TMPDIR": str(temp)}


def next_start(capsys, data: Path) -> str:
    os.environ["CRASH_DB_PP"] = PASS
    code = main(["--data-dir", str(data), "--passphrase-env", "CRASH_DB_PP", "summary"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return err


def prove(capsys, encrypted_folder, tmp_path, protected: bool) -> dict:
    data, usb, temp = tmp_path / "data", tmp_path / "usb", tmp_path / "system-temp"
    out = usb / "export.xlsx"

    def fresh() -> None:
        for folder in (data, usb, temp):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(encrypted_folder, data)
        usb.mkdir()
        temp.mkdir()

    fresh()
    args, env = export_command(data, out, temp, protected)
    code, _, err = run_cli(args, env)
    assert code == 0, err
    steps = steps_of(err)
    assert steps > 10, err
    if protected:
        assert files_holding_marker(data, usb, temp) == []  # the finished export itself is encrypted
    outcomes = {"exported": 0, "nothing": 0, "notes": 0}
    for kind, point in kill_schedule(steps, f"export-{protected}", (0.8, 3.0), RANDOM_KILLS):
        fresh()
        code, _, err = run_killed(args, env, kind, point)
        assert code in (-signal.SIGKILL, 0), err
        where = f"killed at {kind} {point}"
        notes = next_start(capsys, data)
        outcomes["notes"] += "interrupted export" in notes
        on_stick = sorted(p.name for p in usb.iterdir())
        assert on_stick in ([], ["export.xlsx"]), f"{where}: left on the stick: {on_stick}"
        outcomes["exported" if on_stick else "nothing"] += 1
        scratch = paths.scratch_dir_for(data / paths.DATABASE_NAME)
        assert not scratch.exists() or list(scratch.iterdir()) == [], f"{where}: {list(scratch.iterdir())}"
        assert list(temp.iterdir()) == [], f"{where}: left in the system's temporary folder"
        if protected:
            assert files_holding_marker(data, usb, temp) == [], f"{where}: plain text left behind"
    return {"steps": steps, **outcomes}


def test_a_protected_export_killed_at_any_moment_leaves_no_plain_text_anywhere(capsys, encrypted_folder, tmp_path):
    figures = prove(capsys, encrypted_folder, tmp_path, protected=True)
    assert figures["exported"] and figures["nothing"], figures
    with capsys.disabled():
        print(f"\nprotected export: {figures['steps']} steps, killed before each and {RANDOM_KILLS} times at random: "
              f"{figures}; no file held the marker afterwards")


def test_an_unprotected_export_killed_at_any_moment_leaves_no_partial_file(capsys, encrypted_folder, tmp_path):
    figures = prove(capsys, encrypted_folder, tmp_path, protected=False)
    assert figures["notes"], "the next start never said it removed a partial file"
    with capsys.disabled():
        print(f"\nunprotected export: {figures['steps']} steps, killed before each and {RANDOM_KILLS} times at "
              f"random: {figures}")
