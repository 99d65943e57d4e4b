"""Replace the bundle's 32 MB ICU data library (libicudata.so.NN) with one holding only what an
English/Khmer app uses, rebuilt at bundle time with gcc (Linux only).

libicudata.so.NN is nothing but the ICU common data package ("CmnD" .dat: a header, a sorted table
of item names and offsets, then 16-byte aligned items) exported as the symbol icudtNN_dat, which
libicuuc resolves at load time. We cut that package out of the library, keep the items below,
write a new package and link it under the same symbol and soname. Before it replaces the original,
a probe (PySide6 with the library LD_PRELOADed) must give the same results as with the full one.

    python installers/trim_icu.py dist/consultation-app   # what build.py does after PyInstaller
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Largest items of the ICU 73 package (32.0 MB in all) by kind: legacy charset converters *.cnv
# 5.1 MB, other languages' locale/unit/zone/currency/language/region names 12 MB, other languages'
# collations 2.4 MB (coll/zh.res alone 0.7 MB), brkitr/cjdict.dict 2.0 MB, translit/root.res 1.1 MB.
# Qt Core is the only ICU client in the bundle and calls only ucol_* (QCollator), ucal_* (time zone
# names), u_strToUpper/Lower and ucnv_* (for codecs Qt has no built-in for; the app uses none).
# So we drop: every *.cnv (UTF-8/16/32, ASCII and Latin-1 are algorithmic, compiled into libicuuc),
# other locales' bundles, cjdict.dict (Chinese/Japanese word breaking) and translit/ (transliterators,
# never called). We keep: root, en, en_*, km, km_* in each locale tree with its pool.res and
# res_index.res; all locale-independent data (supplementalData, likelySubtags, zoneinfo64, metaZones,
# cnvalias.icu that u_init probes, unames.icu, *.nrm, *.spp, confusables); coll/ucadata.icu; and
# brkitr/ (rules, khmerdict.dict, the Thai/Lao/Burmese dictionaries). Unknown items are kept.
# uprops, ucase, ubidi and nfc data are compiled into libicuuc, not in the package.
LOCALE_TREES = ("", "coll", "curr", "lang", "rbnf", "region", "unit", "zone")
LOCALE_BUNDLE = re.compile(r"[a-z]{2,3}(_\w*)?\.res")  # km.res, en_GB.res, de_.res (an alias), not plurals.res
KEPT_LOCALE = re.compile(r"(en|km)(_\w*)?\.res")
KEPT_IN_EVERY_TREE = ("root.res", "pool.res", "res_index.res")  # parent of all, shared strings, locale list
DROPPED = ("brkitr/cjdict.dict",)
DROPPED_TREES = ("translit/",)

ALIGN = 16  # ICU reads items in place: each must start 16-byte aligned


def keep_item(name: str) -> bool:
    """Whether an item (name without the icudtNNl/ prefix) stays in the trimmed package."""
    if name.endswith(".cnv") or name in DROPPED or name.startswith(DROPPED_TREES):
        return False
    tree, _, base = name.rpartition("/")
    if tree in LOCALE_TREES and LOCALE_BUNDLE.fullmatch(base) and base not in KEPT_IN_EVERY_TREE:
        return bool(KEPT_LOCALE.fullmatch(base))
    return True  # root.res, pool.res, res_index.res, locale-independent data, unknown kinds


def icu_major(library: Path) -> str:
    """'73' for libicudata.so.73 (or libicudata.so.73.2): the version suffix of the data symbol."""
    match = re.fullmatch(r"libicudata\.so\.(\d+)(\.[\d.]+)?", library.name)
    if not match:
        raise ValueError(f"not an ICU data library name: {library.name}")
    return match.group(1)


def elf_symbol_bytes(library: Path, symbol: str) -> bytes:
    """The bytes of a dynamic symbol in a little-endian ELF64 shared library (stdlib only)."""
    data = library.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{library}: not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    # (name, type, flags, addr, offset, size, link, info, addralign, entsize) of each section
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    if any(section[1] == 0x6FFFFFFF for section in sections):  # SHT_GNU_versym: ours would be unversioned
        raise ValueError(f"{library}: versioned symbols, which the rebuilt library would not match")
    for _, sh_type, _, _, offset, size, link, _, _, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize):
            st_name, _, _, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", data, pos)
            if data[strtab + st_name:data.index(b"\0", strtab + st_name)].decode() == symbol:
                _, _, _, addr, sec_offset, _, _, _, _, _ = sections[st_shndx]
                start = st_value - addr + sec_offset
                return data[start:start + st_size]
    raise ValueError(f"{library}: no dynamic symbol {symbol}")


@dataclass
class Package:
    """An ICU common data package: its header (kept verbatim), item name prefix and items."""
    header: bytes
    prefix: str  # "icudt73l/"
    items: dict[str, bytes]  # name without prefix -> bytes, up to the next item (padding included)

    @classmethod
    def parse(cls, data: bytes) -> Package:
        header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
        if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD" or data[8] != 0:
            raise ValueError("not a little-endian ICU common data (CmnD) package")
        toc = header_size
        count, = struct.unpack_from("<I", data, toc)
        entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
        names = [data[toc + n:data.index(b"\0", toc + n)].decode("ascii") for n, _ in entries]
        ends = [offset for _, offset in entries[1:]] + [len(data) - toc]
        prefix = names[0].split("/", 1)[0] + "/"
        if not all(name.startswith(prefix) for name in names):
            raise ValueError("items with different prefixes")
        items = {name[len(prefix):]: data[toc + start:toc + end]
                 for name, (_, start), end in zip(names, entries, ends)}
        return cls(data[:header_size], prefix, items)

    def write(self) -> bytes:
        """Header, item count, TOC sorted by name (ICU binary-searches it), names, aligned items."""
        names = sorted(self.items)
        blobs = [self.items[name] + b"\xaa" * (-len(self.items[name]) % ALIGN) for name in names]  # ICU pads 0xaa
        name_table = b"".join((self.prefix + name).encode("ascii") + b"\0" for name in names)
        toc_size = 4 + 8 * len(names)  # offsets count from the end of the header
        name_padding = b"\xaa" * (-(len(self.header) + toc_size + len(name_table)) % ALIGN)
        name_offset, data_offset = toc_size, toc_size + len(name_table) + len(name_padding)
        toc = bytearray(struct.pack("<I", len(names)))
        for name, blob in zip(names, blobs):
            toc += struct.pack("<II", name_offset, data_offset)
            name_offset += len(self.prefix) + len(name) + 1
            data_offset += len(blob)
        return self.header + bytes(toc) + name_table + name_padding + b"".join(blobs)

    def trimmed(self) -> Package:
        return Package(self.header, self.prefix, {n: b for n, b in self.items.items() if keep_item(n)})


def build_library(package: bytes, major: str, out_dir: Path) -> Path:
    """libicudata.so.NN exporting the package as icudtNN_dat (global, unversioned like the original)."""
    (out_dir / "icudt.dat").write_bytes(package)
    symbol = f"icudt{major}_dat"
    (out_dir / "icudt.S").write_text(
        f'\t.section .rodata\n\t.balign {ALIGN}\n\t.globl {symbol}\n\t.type {symbol}, @object\n'
        f'{symbol}:\n\t.incbin "icudt.dat"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n')
    library = out_dir / f"libicudata.so.{major}"
    subprocess.run(["gcc", "-shared", "-nostdlib", "-s", f"-Wl,-soname,libicudata.so.{major}", "-Wl,-z,noexecstack",
                    "-o", library.name, "icudt.S"], cwd=out_dir, check=True, capture_output=True, text=True)
    return library


def probe_results(library: Path, strings: dict) -> dict:
    """What PySide6 (and ICU directly) compute with `library` preloaded as the ICU data."""
    env = dict(os.environ, LD_PRELOAD=str(library))
    run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--probe"], input=json.dumps(strings),
                         env=env, capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        raise RuntimeError(f"ICU probe failed (exit {run.returncode}) with {library}:\n{run.stderr}")
    return json.loads(run.stdout)


def _probe() -> None:
    """Run in a subprocess: collation (QCollator, km and en), Khmer boundaries (Qt's and ICU's)."""
    import ctypes
    from functools import cmp_to_key

    import PySide6
    from PySide6.QtCore import QCollator, QLocale, QTextBoundaryFinder, QTimeZone

    strings = json.load(sys.stdin)
    major = icu_major(next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")))
    icuuc = ctypes.CDLL(f"libicuuc.so.{major}")  # already loaded by QtCore: found by soname
    icui18n = ctypes.CDLL(f"libicui18n.so.{major}")
    ucol_open, ucol_close = icui18n[f"ucol_open_{major}"], icui18n[f"ucol_close_{major}"]
    ucol_open.restype, ucol_close.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
    result: dict = {}
    for language, names in (("km", strings["km"]), ("en", strings["en"])):
        collator = QCollator(QLocale(language))
        result[f"order_{language}"] = sorted(names, key=cmp_to_key(collator.compare))  # as the app sorts
        result[f"sort_key_order_{language}"] = sorted(names, key=collator.sortKey)
        result[f"compare_{language}"] = [[collator.compare(a, b) for b in names] for a in names]
    # ICU's status for its own collator: U_USING_DEFAULT_WARNING (-127) once Chinese data is gone.
    for language in ("km", "en", "zh"):
        status = ctypes.c_int(0)
        ucol_close(ucol_open(language.encode(), ctypes.byref(status)))
        result[f"ucol_open_{language}"] = status.value
    text = strings["sentence"]
    for kind in ("Line", "Word", "Grapheme"):
        finder = QTextBoundaryFinder(getattr(QTextBoundaryFinder.BoundaryType, kind), text)
        positions = [finder.position()]
        while (position := finder.toNextBoundary()) != -1:
            positions.append(position)
        result[f"qt_{kind.lower()}"] = positions
    # Qt 6 breaks text itself; ICU's own break iterators (khmerdict.dict) are checked directly.
    utf16 = text.encode("utf-16-le")
    buffer = ctypes.create_string_buffer(utf16, len(utf16) + 2)
    ubrk = {name: icuuc[f"ubrk_{name}_{major}"] for name in ("open", "next", "close")}
    ubrk["open"].restype = ctypes.c_void_p
    ubrk["next"].argtypes = ubrk["close"].argtypes = [ctypes.c_void_p]
    for kind, number in (("word", 1), ("line", 2)):
        status = ctypes.c_int(0)
        iterator = ubrk["open"](number, b"km", buffer, len(utf16) // 2, ctypes.byref(status))
        positions = [] if status.value > 0 else [0]
        while iterator and status.value <= 0 and (position := ubrk["next"](iterator)) != -1:
            positions.append(position)
        ubrk["close"](iterator)
        result[f"icu_{kind}"] = [status.value, positions]
    zone = QTimeZone(b"Asia/Phnom_Penh")
    result["zone_names"] = [zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName,
                                             QLocale(language)) for language in ("km", "en")]
    result["upper"] = [QLocale(language).toUpper("straße ǆ") for language in ("km", "en")]
    json.dump(result, sys.stdout, ensure_ascii=False)


def reference_strings(root: Path) -> dict:
    """The app's 25 provinces (Khmer and English) and a Khmer catalog sentence written without spaces."""
    provinces = json.loads((root / "resources" / "reference" / "reference.json").read_text("utf-8"))
    provinces = provinces["lists"]["provinces"]
    catalog = json.loads((root / "resources" / "catalogs" / "khm-upr3-2019.json").read_text("utf-8"))
    # Khmer puts no spaces between words: the longest space-free run is one long dictionary-break test.
    sentence = max((run for item in catalog["recommendations"] for run in item["text_km"].split()), key=len)
    return {"km": [p["km"] for p in provinces], "en": [p["en"] for p in provinces], "sentence": sentence}


def compare(full: dict, trimmed: dict) -> list[str]:
    """Differences that matter (empty when the trimmed data is as good for the app)."""
    problems = [f"{key}: full {full[key]} != trimmed {trimmed.get(key)}"[:300] for key in full
                if key != "ucol_open_zh" and full[key] != trimmed.get(key)]
    if trimmed["ucol_open_zh"] == full["ucol_open_zh"]:
        problems.append("the trimmed library was not the one in use (Chinese collation still found)")
    return problems


def trim_bundle(bundle: Path, root: Path) -> bool:
    """Replace the bundle's libicudata with a verified trimmed one; False (bundle untouched) otherwise."""
    libraries = sorted((bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"))
    reason = ("not a Linux build" if not sys.platform.startswith("linux") else "gcc not found"
              if not shutil.which("gcc") else "" if len(libraries) == 1 else f"{len(libraries)} libicudata.so.*")
    if reason:
        print(f"WARNING: ICU data not trimmed ({reason}): the bundle keeps the full ICU data", file=sys.stderr)
        return False
    original = libraries[0]
    major = icu_major(original)
    with tempfile.TemporaryDirectory(prefix="trim-icu-") as folder:
        try:
            package = Package.parse(elf_symbol_bytes(original, f"icudt{major}_dat")).trimmed()
            trimmed = build_library(package.write(), major, Path(folder))
            full = Path(shutil.copy(original, Path(folder, "full")))  # LD_PRELOAD splits paths on spaces
            strings = reference_strings(root)
            problems = compare(probe_results(full, strings), probe_results(trimmed, strings))
        except (OSError, ValueError, RuntimeError, subprocess.SubprocessError) as error:
            problems = [f"{type(error).__name__}: {error} {getattr(error, 'stderr', '') or ''}"]
        if problems:
            banner = "!" * 78
            print(f"{banner}\nWARNING: the trimmed ICU data failed verification; the bundle keeps the full "
                  f"{original.name}:\n  " + "\n  ".join(problems) + f"\n{banner}", file=sys.stderr)
            return False
        print(f"ICU data trimmed: {original.name} {original.stat().st_size / 1e6:.1f} MB -> "
              f"{trimmed.stat().st_size / 1e6:.1f} MB ({len(package.items)} items), same collation and breaks")
        shutil.copyfile(trimmed, original)
    return True


if __name__ == "__main__":
    if sys.argv[1:] == ["--probe"]:
        _probe()
    elif len(sys.argv) == 2:
        sys.exit(0 if trim_bundle(Path(sys.argv[1]), Path(__file__).resolve().parents[1]) else 1)
    else:
        sys.exit(__doc__)
