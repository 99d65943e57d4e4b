"""Optional encryption of the database with SQLCipher: detecting it, keys, and the one
connection factory that every piece of code opening a database file goes through.

A plain database is opened with Python's sqlite3, as before; ``sqlcipher3`` is imported only
when an encrypted file is opened or one is being made (it costs start-up time).

Keys. SQLCipher keeps a random 16-byte salt in the first 16 bytes of an encrypted file. The
passphrase is turned into a 256-bit key once per file family with PBKDF2-HMAC-SHA512
(``KDF_ROUNDS`` rounds, as SQLCipher 4 itself would do) over that salt, and SQLCipher is given
the raw key (``PRAGMA key = "x'<64 hex>'"``), so opening a connection costs no key derivation:
background exports, merges, backups and reports each open their own connection. The registry
maps salt -> key for this process: ``unlock(path, passphrase)`` derives and checks the key once;
every later connection to that file, or to a backup of it (backups are written with the same
salt, see ``new_connection``), finds its key from the file's first 16 bytes. Nothing is written
to disk; the key lives only in this process's memory.

An encrypted file is one whose header is not SQLite's ("SQLite format 3\\0") and whose first
bytes look like ciphertext (whole pages, bytes spread over the whole range). A file with some
other header (a text file, zeros) is not taken for an encrypted one: it is damaged, as before.
When the right key fails on an encrypted file, SQLCipher cannot tell a wrong passphrase from a
damaged first page; the app says "wrong passphrase" and never offers a backup over it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import unicodedata
from pathlib import Path
from typing import Any

from consultation_app.errors import InputError
from consultation_app.storage import durable, errors
from consultation_app.storage.errors import PassphraseRequiredError, WrongPassphraseError

PLAIN_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
KDF_HASH = "sha512"
KDF_ROUNDS = 256_000  # PBKDF2-HMAC-SHA512, SQLCipher 4's own default; never lowered
MIN_PASSPHRASE_CHARS = 8
_SAMPLE = 512  # SQLCipher pages are at least 512 bytes; random bytes show ~220 distinct values in 512
_DISTINCT = 160

_keys: dict[bytes, bytes] = {}  # salt -> raw key, for this process only
_lock = threading.Lock()


# -- what a file is ------------------------------------------------------------------------

def _is_file_path(path: str | os.PathLike) -> bool:
    text = str(path)
    return text != ":memory:" and not text.startswith("file:") and text != ""


def is_encrypted(path: str | os.PathLike) -> bool:
    """True when the file at ``path`` is an SQLCipher database (see the module's docstring).
    The header is read through ``durable.read_head``: a plain ``open()`` and ``close()`` here
    would release the locks of the app's open connections on the file."""
    if not _is_file_path(path):
        return False
    read = durable.read_head(path, _SAMPLE)
    if read is None:
        return False
    head, size = read
    if len(head) < _SAMPLE or head.startswith(PLAIN_HEADER) or size % _SAMPLE:
        return False
    return len(set(head)) >= _DISTINCT


def read_salt(path: str | os.PathLike) -> bytes | None:
    read = durable.read_head(path, SALT_BYTES)
    if read is None:
        return None
    salt = read[0]
    return salt if len(salt) == SALT_BYTES else None


def same_family(path: str | os.PathLike, other: str | os.PathLike) -> bool:
    """Both files look encrypted and carry the same salt: one is a backup of the other, so the
    other's passphrase opens it. Without a key nothing else can be known of a file that looks
    encrypted: random bytes look the same (restore calls such a file damaged unless it is of
    the database's family)."""
    salt = read_salt(path)
    return salt is not None and is_encrypted(path) and is_encrypted(other) and read_salt(other) == salt


# -- keys ------------------------------------------------------------------------------------

def check_new_passphrase(passphrase: str) -> str:
    """A passphrase to set: at least ``MIN_PASSPHRASE_CHARS`` characters, not only spaces."""
    if not passphrase or not passphrase.strip():
        raise InputError("the new passphrase is empty")
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise InputError(f"the new passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters")
    return passphrase


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """PBKDF2-HMAC-SHA512 over the NFC form of the passphrase (a Khmer passphrase typed with
    another keyboard layout may arrive decomposed differently; it is the same passphrase)."""
    if not passphrase:
        raise InputError("the passphrase is empty")
    text = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    import hashlib  # here: only an encrypted database needs it

    return hashlib.pbkdf2_hmac(KDF_HASH, text, salt, KDF_ROUNDS, KEY_BYTES)


def remember(salt: bytes, key: bytes) -> None:
    with _lock:
        _keys[bytes(salt)] = bytes(key)


def forget(salt: bytes | None = None) -> None:
    """Forget one file family's key (None: every key this process holds)."""
    with _lock:
        if salt is None:
            _keys.clear()
        else:
            _keys.pop(bytes(salt), None)


def key_for(path: str | os.PathLike) -> tuple[bytes, bytes] | None:
    """(key, salt) for an encrypted file whose family was unlocked in this process, or None."""
    salt = read_salt(path)
    if salt is None:
        return None
    with _lock:
        key = _keys.get(salt)
    return (key, salt) if key is not None else None


def is_unlocked(path: str | os.PathLike) -> bool:
    return is_encrypted(path) and key_for(path) is not None


def unlock(path: str | os.PathLike, passphrase: str, what: str = "the database") -> bool:
    """Derive the key of the encrypted file at ``path`` from ``passphrase``, check that it opens
    the file and remember it for the whole process. False (nothing done) when the file is not
    encrypted. WrongPassphraseError when it does not open; nothing is written either way, except
    the rollback of a hot journal by the passphrase that opens it."""
    path = Path(path).expanduser().resolve()
    salt = read_salt(path) if is_encrypted(path) else None
    if salt is None:
        return False
    key = derive_key(passphrase, salt)
    # A hot journal (left by a kill mid-transaction) is rolled back by the first connection that
    # may write; a read-only one fails under any key ("attempt to write a readonly database").
    # A wrong passphrase is still refused, and the right one then opens the file whole
    # (tests/test_crash_passphrase.py).
    hot_journal = Path(f"{path}-journal").is_file() and Path(f"{path}-journal").stat().st_size > 0
    try:
        conn = open_cipher(path, key, read_only=not hot_journal, what=what, timeout=5)
    except errors.DATABASE_ERRORS as error:
        raise errors.classify(error, path) or errors.StorageError(f"{path}: cannot open the file ({error})") from None
    conn.close()
    remember(salt, key)
    return True


# -- connections -------------------------------------------------------------------------------
# sqlcipher3's connection has sqlite3's interface (it is a fork of the same module); both are
# typed as sqlite3.Connection.

def driver() -> Any:
    """sqlcipher3's DB-API module, imported on first use; its errors join DATABASE_ERRORS."""
    from sqlcipher3 import dbapi2

    errors.add_driver_errors(dbapi2.Error)
    return dbapi2


def is_cipher_connection(conn: object) -> bool:
    return type(conn).__module__.startswith("sqlcipher3")


def key_pragma(key: bytes, salt: bytes | None = None, pragma: str = "key") -> str:
    """``PRAGMA key`` (or rekey) with a raw key; with ``salt`` for a file that does not exist yet."""
    if len(key) != KEY_BYTES or (salt is not None and len(salt) != SALT_BYTES):
        raise ValueError("a raw SQLCipher key is 32 bytes, its salt 16")
    return f"PRAGMA {pragma} = \"x'{key.hex()}{salt.hex() if salt else ''}'\""


def key_literal(key: bytes, salt: bytes | None = None) -> str:
    """The value for ``ATTACH ... KEY ?``: the same raw key as ``key_pragma``."""
    return f"x'{key.hex()}{salt.hex() if salt else ''}'"


def _connect_cipher(path: str | os.PathLike, read_only: bool, **options: Any) -> sqlite3.Connection:
    dbapi2 = driver()
    if read_only:
        conn = dbapi2.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, **options)
    else:
        conn = dbapi2.connect(str(path), **options)
    conn.execute("PRAGMA cipher_log_level = NONE")  # its own messages would go to stderr
    return conn


def open_cipher(
    path: str | os.PathLike, key: bytes | None, *, read_only: bool = False, what: str = "the database",
    **options: Any,
) -> sqlite3.Connection:
    """A sqlcipher3 connection on ``path`` with ``key`` (None: a plain file, as a conversion
    reads or writes one), checked by a first read: WrongPassphraseError when the key does not
    open it."""
    conn = _connect_cipher(path, read_only, **options)
    try:
        if key is not None:
            conn.execute(key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read checks the key
    except errors.DATABASE_ERRORS as error:
        conn.close()
        if key is not None and "not a database" in str(error).lower():
            raise WrongPassphraseError(Path(path), what) from None
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def open_connection(path: str | os.PathLike, *, read_only: bool = False, **options: Any) -> sqlite3.Connection:
    """The one way the app opens a database file: a plain file with sqlite3, an encrypted one with
    sqlcipher3 and the key its family was unlocked with (PassphraseRequiredError when it was not;
    WrongPassphraseError when that key does not open it). ``options`` go to ``connect``."""
    if _is_file_path(path) and is_encrypted(path):
        keyed = key_for(path)
        if keyed is None:
            raise PassphraseRequiredError(Path(path))
        return open_cipher(path, keyed[0], read_only=read_only, **options)
    if read_only:
        return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, **options)
    return sqlite3.connect(str(path), **options)


def new_connection(
    path: str | os.PathLike, like: sqlite3.Connection, source_file: str | os.PathLike, **options: Any,
) -> sqlite3.Connection:
    """A connection that makes a new file ``path`` of the same kind as the open connection
    ``like`` (the source of a backup): plain for a plain one; for an encrypted one, encrypted
    with the same key and salt, so the copy opens with the same passphrase."""
    if not is_cipher_connection(like):
        return sqlite3.connect(str(path), **options)
    keyed = key_for(source_file)
    if keyed is None:
        raise PassphraseRequiredError(Path(source_file))
    conn = _connect_cipher(path, False, **options)
    try:
        conn.execute(key_pragma(*keyed))
    except BaseException:
        conn.close()
        raise
    return conn
