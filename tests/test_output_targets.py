"""Every file the app writes where a person pointed it is a plain file: never written through a
symbolic link to its target, never a device node, a pipe or a folder (as root, `backup --out
/dev/full` once replaced the device node). A restore into a read-only data folder says so.

Device nodes are made in the test's own folder (mknod, as root) with /dev/null's numbers, so a
failure can harm nothing on the machine."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from consultation_app import targets
from consultation_app.cli.main import main
from consultation_app.errors import InputError
from consultation_app.storage import backup

ROOT = Path(__file__).resolve().parents[1]
VICTIM_BYTES = b"the officer's own notes, which no export may overwrite\n"

# command line per command; {out} is the target
COMMANDS = {
    "backup": ["backup", "--out", "{out}"],
    "export": ["export", "--out", "{out}"],
    "report": ["report", "--out", "{out}"],
    "master-export": ["master-export", "--out", "{out}"],
    "template": ["template", "--out", "{out}"],
    "receipt": ["receipt", "--device", "laptop-3", "--out", "{out}"],
}
ENDINGS = {"backup": ".sqlite3", "export": ".xlsx", "report": ".pdf", "master-export": ".xlsx",
           "template": ".xlsx", "receipt": ".json"}


def run(capsys, data_dir, command: str, out: Path):
    args = [part.replace("{out}", str(out)) for part in COMMANDS[command]]
    code = main(["--data-dir", str(data_dir), *args])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


@pytest.fixture
def folder(workspace, tmp_path):
    """An existing data folder (its database made and closed) and a folder to write into."""
    workspace.close()
    out = tmp_path / "usb"
    out.mkdir()
    return workspace.database_path.parent, out


def leftovers(out: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name not in keep)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_command_writes_through_a_symbolic_link(capsys, folder, command):
    data, out = folder
    victim = out / "victim.txt"
    victim.write_bytes(VICTIM_BYTES)
    link = out / f"target{ENDINGS[command]}"
    link.symlink_to(victim)
    code, stdout, stderr = run(capsys, data, command, link)
    assert code == 1 and len(stderr.splitlines()) == 1, stderr
    assert "symbolic link" in stderr and str(link) in stderr
    assert victim.read_bytes() == VICTIM_BYTES, "the link's target is untouched"
    assert link.is_symlink() and os.readlink(link) == str(victim)
    assert leftovers(out, {victim.name, link.name}) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_command_replaces_a_pipe_or_a_folder(capsys, folder, command):
    data, out = folder
    pipe = out / f"pipe{ENDINGS[command]}"
    os.mkfifo(pipe)
    code, stdout, stderr = run(capsys, data, command, pipe)
    assert code == 1 and "is a pipe" in stderr and len(stderr.splitlines()) == 1, stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)

    inner = out / f"folder{ENDINGS[command]}"
    inner.mkdir()
    (inner / "kept.txt").write_bytes(VICTIM_BYTES)
    code, stdout, stderr = run(capsys, data, command, inner)
    assert code == 1 and "is a folder" in stderr and len(stderr.splitlines()) == 1, stderr
    assert (inner / "kept.txt").read_bytes() == VICTIM_BYTES
    assert leftovers(out, {pipe.name, inner.name}) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_command_replaces_a_device_node(capsys, folder, command):
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root (and only root could replace one)")
    data, out = folder
    device = out / f"null{ENDINGS[command]}"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers, in our own folder
    code, stdout, stderr = run(capsys, data, command, device)
    assert code == 1 and "is a device" in stderr and len(stderr.splitlines()) == 1, stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.lstat(device).st_rdev == os.makedev(1, 3)
    assert leftovers(out, {device.name}) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_missing_folder_is_named(capsys, folder, command):
    data, out = folder
    target = out / "no-such-folder" / f"file{ENDINGS[command]}"
    code, stdout, stderr = run(capsys, data, command, target)
    assert code == 1 and len(stderr.splitlines()) == 1, stderr
    assert f"{target.parent}: no such folder" in stderr


def test_an_ordinary_file_is_still_replaced_and_a_linked_folder_is_followed(capsys, folder, tmp_path):
    """The rule is about the file's own name: a folder reached through a link is an ordinary place."""
    data, out = folder
    existing = out / "laptop.sqlite3"
    existing.write_bytes(b"last week's backup")
    code, stdout, stderr = run(capsys, data, "backup", existing)
    assert code == 0, stderr
    assert backup.quick_check(existing)
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(out, target_is_directory=True)
    code, stdout, stderr = run(capsys, data, "template", linked_folder / "template.xlsx")
    assert code == 0, stderr
    assert (out / "template.xlsx").is_file() and not (out / "template.xlsx").is_symlink()


def test_the_temporary_is_made_new_and_never_through_a_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM_BYTES)
    planted = tmp_path / ".export.xlsx.tmp"
    planted.symlink_to(victim)
    with pytest.raises(FileExistsError):
        targets.create_new(planted)
    dangling = tmp_path / ".dangling.tmp"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        targets.create_new(dangling)
    assert not (tmp_path / "nowhere").exists() and victim.read_bytes() == VICTIM_BYTES
    made = tmp_path / ".fresh.tmp"
    targets.create_new(made)
    assert made.is_file() and made.stat().st_size == 0


def test_a_target_swapped_for_a_link_while_writing_is_refused_before_the_rename(workspace, tmp_path, monkeypatch):
    """The check runs again just before the rename: a link made meanwhile is not replaced."""
    from consultation_app.exchange import files

    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM_BYTES)
    target = tmp_path / "receipt.json"
    with pytest.raises(InputError, match="symbolic link"):
        with files.atomic_output(target) as temporary:
            temporary.write_text("{}")
            target.symlink_to(victim)  # what a second program might do meanwhile
    assert target.is_symlink() and victim.read_bytes() == VICTIM_BYTES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "receipt.json", "victim.txt"]


# -- restore into a read-only data folder ---------------------------------------------------------

def run_read_only(data: Path, *args: str) -> subprocess.CompletedProcess:
    """The app's command line with the data folder read-only: as root (who ignores permissions)
    through a read-only bind mount in a private mount namespace; otherwise through chmod 0o555."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    command = [sys.executable, "-m", "consultation_app", "--data-dir", str(data), *args]
    if os.geteuid() == 0:
        if not shutil.which("unshare"):
            pytest.skip("no unshare(1) to make a read-only bind mount")
        script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"'
        probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                                str(data), "true"], capture_output=True)
        if probe.returncode != 0:
            pytest.skip(f"cannot make a read-only bind mount here: {probe.stderr!r}")
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", str(data), *command]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    data.chmod(0o555)
    try:
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    finally:
        data.chmod(0o755)


def test_restore_into_a_read_only_data_folder_says_it_is_read_only(workspace, tmp_path):
    info = backup.make_backup(workspace.database_path, backup.MANUAL, out=tmp_path / "backup.sqlite3")
    workspace.close()
    data = workspace.database_path.parent
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    result = run_read_only(data, "restore", str(info.path))
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "read-only" in result.stderr and str(data) in result.stderr
    assert "desktop app" not in result.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before


def test_restore_itself_names_a_read_only_folder(workspace, tmp_path):
    """The desktop app's restore offer holds its own lock: restore checks the folder too."""
    info = backup.make_backup(workspace.database_path, backup.MANUAL, out=tmp_path / "backup.sqlite3")
    workspace.close()
    data = workspace.database_path.parent
    if os.geteuid() != 0:
        pytest.skip("the in-process read-only folder needs a bind mount (root)")
    script = ("import sys; from consultation_app.storage import backup\n"
              "try:\n    backup.restore(sys.argv[1], sys.argv[2])\n"
              "except Exception as error:\n    print(type(error).__name__, error)\n")
    shell = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"'
    result = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", shell, "sh", str(data),
                             sys.executable, "-c", script, str(info.path), str(workspace.database_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    if "mount" in result.stderr:
        pytest.skip(f"cannot make a read-only bind mount here: {result.stderr!r}")
    assert result.stdout.startswith("StorageError") and "read-only" in result.stdout, result
    assert str(data) in result.stdout


def test_the_desktop_app_in_a_read_only_data_folder_says_so(workspace):
    """Not "another copy of the app is already using the data folder": nothing else is."""
    workspace.close()
    data = workspace.database_path.parent
    (data / "logs").mkdir(exist_ok=True)  # a folder the app has run in before
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    result = run_read_only(data, "--smoke-test")
    assert result.returncode == 1, result.stderr
    assert "is read-only" in result.stderr and str(data) in result.stderr
    assert "Another copy" not in result.stderr and "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before
