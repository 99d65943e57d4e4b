"""Is this data folder still on the computer it was set up on? (issue 16, cloned laptops)

IT often copies a configured laptop's disk or data folder to others: each copy then has the
same device id and signing key, and the central office cannot tell their work apart. At its
first start the app records a **machine fingerprint** in the database; at each start it
compares. The fingerprint is the SHA-256 of two things that differ between two computers but
stay put on one:

* a random id the app writes once per user account to a file OUTSIDE the data folder
  (``paths.machine_marker_path()``: ``~/.config/upr-consultation/`` on Linux,
  ``%LOCALAPPDATA%\\upr-consultation\\`` on Windows), so a copied data folder does not carry it;
* the operating system's own id of the installation: ``/etc/machine-id`` on Linux, the
  ``MachineGuid`` registry value on Windows (empty elsewhere), which differs on a disk image
  whose system identity was regenerated (systemd-firstboot, Sysprep).

A bit-for-bit copy of the whole disk whose system identity was not regenerated carries both:
no software on the copy can tell it from the original. The central office still sees such
clones (two exports claiming one export number: exchange/merge_trust.py).

On a mismatch the officer is asked; **becoming a new device** gives the installation a new
device id and, at its next export, a new key pair; export numbers start again at 1. The
records stay as they are, with their history: their ``device_id`` is the device that made
them, so records made before the copy still belong to the original laptop, and what this
laptop changes in them reaches the central office as another device's records, kept there
for review. Records made afterwards carry the new id. The central office sees a new device
(trust on first use of its key).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import uuid
from pathlib import Path

from consultation_app import paths
from consultation_app.storage import identity_store
from consultation_app.storage.store import Store

log = logging.getLogger(__name__)
FINGERPRINT_CONTEXT = "consultation-app machine fingerprint 1"


def os_installation_id() -> str:
    """The operating system's id of this installation, or '' where there is none to read."""
    if sys.platform.startswith("win"):
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography", 0,
                                winreg.KEY_READ | getattr(winreg, "KEY_WOW64_64KEY", 0)) as key:
                return str(winreg.QueryValueEx(key, "MachineGuid")[0]).strip()
        except OSError:
            return ""
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            return Path(candidate).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            continue
    return ""


def _machine_marker() -> str | None:
    """This user's random machine id, made on first use; None when it cannot be kept (then no
    clone check is made rather than a false alarm at every start)."""
    path = paths.machine_marker_path()
    try:
        text = path.read_text(encoding="ascii").strip()
        if text:
            return text
    except FileNotFoundError:
        pass
    except OSError as error:
        log.warning("machine marker %s cannot be read (%s): no clone check", path, error)
        return None
    marker = str(uuid.uuid4())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(marker + "\n", encoding="ascii")
        os.replace(temporary, path)
    except OSError as error:
        log.warning("machine marker %s cannot be written (%s): no clone check", path, error)
        return None
    return marker


def machine_fingerprint() -> str | None:
    marker = _machine_marker()
    if marker is None:
        return None
    text = f"{FINGERPRINT_CONTEXT}\n{os_installation_id()}\n{marker}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def copied_from_another_computer(db: Store) -> bool:
    """True when the database's recorded fingerprint is another machine's; records this
    machine's fingerprint when none is recorded yet (first run)."""
    current = machine_fingerprint()
    if current is None:
        return False
    recorded = identity_store.fingerprint(db)
    if recorded is None:
        identity_store.record_fingerprint(db, current)
        return False
    return recorded != current


def confirm_same_computer(db: Store) -> None:
    """The officer says this is the computer the data folder belongs to (a reinstalled system,
    a new user account): remember this machine's fingerprint."""
    current = machine_fingerprint()
    if current:
        identity_store.record_fingerprint(db, current)


def become_new_device(db: Store) -> tuple[str, str]:
    """A new device id and key pair for this installation (see the module's docstring);
    returns (former id, new id)."""
    return identity_store.start_new_identity(db, machine_fingerprint())
