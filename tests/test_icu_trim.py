"""installers/trim_icu.py on the ICU data library of the installed PySide6 wheel: the package
parser and writer, the items kept and dropped, and a trimmed library that sorts and breaks
English and Khmer text exactly as the full one does."""

import importlib.util
import shutil
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("trim_icu", ROOT / "installers" / "trim_icu.py")
trim_icu = importlib.util.module_from_spec(_spec)
sys.modules["trim_icu"] = trim_icu
_spec.loader.exec_module(trim_icu)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ICU data library is Linux-only")


@pytest.fixture(scope="module")
def full_library() -> Path:
    import PySide6

    libraries = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    assert len(libraries) == 1, libraries
    return libraries[0]


@pytest.fixture(scope="module")
def package(full_library) -> "trim_icu.Package":
    symbol = f"icudt{trim_icu.icu_major(full_library)}_dat"
    return trim_icu.Package.parse(trim_icu.elf_symbol_bytes(full_library, symbol))


def test_version_comes_from_the_file_name():
    assert trim_icu.icu_major(Path("libicudata.so.73")) == "73"
    assert trim_icu.icu_major(Path("libicudata.so.74.2")) == "74"
    with pytest.raises(ValueError):
        trim_icu.icu_major(Path("libicuuc.so.73"))


def test_rewriting_everything_gives_back_the_same_package(package, full_library):
    assert len(package.items) > 3000
    assert package.prefix == f"icudt{trim_icu.icu_major(full_library)}l/"
    written = package.write()
    again = trim_icu.Package.parse(written)
    assert again.header == package.header and again.prefix == package.prefix
    assert again.items.keys() == package.items.keys()
    assert all(again.items[name] == data for name, data in package.items.items())
    names = [name for name in again.items]
    assert names == sorted(names)  # ICU binary-searches the table of contents


def test_items_are_16_byte_aligned_in_a_written_package(package):
    odd_sizes = {name: data[:-1] for name, data in list(package.items.items())[:50]}
    written = trim_icu.Package(package.header, package.prefix, odd_sizes).write()
    toc = len(package.header)
    count, = struct.unpack_from("<I", written, toc)
    assert count == len(odd_sizes)
    for index, name in enumerate(sorted(odd_sizes)):
        name_offset, data_offset = struct.unpack_from("<II", written, toc + 4 + 8 * index)
        assert written[toc + name_offset:].split(b"\0", 1)[0].decode() == package.prefix + name
        assert (toc + data_offset) % 16 == 0, name
        assert written[toc + data_offset:].startswith(odd_sizes[name])


def test_trimmed_package_keeps_english_and_khmer_and_drops_the_rest(package):
    kept = package.trimmed().items
    for name in ("root.res", "en.res", "en_GB.res", "km.res", "km_KH.res", "pool.res", "res_index.res",
                 "coll/root.res", "coll/km.res", "coll/en.res", "coll/res_index.res", "coll/ucadata.icu",
                 "brkitr/khmerdict.dict", "brkitr/line.brk", "brkitr/word.brk", "brkitr/root.res",
                 "zone/km.res", "zone/pool.res", "nfkc.nrm", "uts46.nrm", "cnvalias.icu", "unames.icu",
                 "supplementalData.res", "likelySubtags.res", "zoneinfo64.res", "metaZones.res"):
        assert name in kept, name
        assert kept[name] == package.items[name]
    for name in ("brkitr/cjdict.dict", "fr.res", "zh_Hant.res", "coll/zh.res", "coll/de_.res", "zone/fr.res",
                 "lang/th.res", "translit/root.res", "ibm-943_P15A-2003.cnv"):
        assert name in package.items and name not in kept, name
    assert not any(name.endswith(".cnv") for name in kept)
    total = sum(map(len, package.items.values()))
    assert sum(map(len, kept.values())) < total / 4


def test_trimmed_library_sorts_and_breaks_like_the_full_one(package, full_library, tmp_path):
    if not shutil.which("gcc"):
        pytest.skip("gcc is needed to build the trimmed ICU data library")
    major = trim_icu.icu_major(full_library)
    trimmed = trim_icu.build_library(package.trimmed().write(), major, tmp_path)
    assert trimmed.name == full_library.name
    assert trimmed.stat().st_size < full_library.stat().st_size / 4
    strings = trim_icu.reference_strings(ROOT)
    assert len(strings["km"]) == len(strings["en"]) == 25 and " " not in strings["sentence"]
    full = trim_icu.probe_results(full_library, strings)
    assert trim_icu.compare(full, trim_icu.probe_results(trimmed, strings)) == []
    assert len(full["icu_word"][1]) > 5  # the Khmer dictionary split the space-free text into words

    # The check is not vacuous: without the Khmer dictionary or collation it reports the difference.
    for missing, key in (("brkitr/khmerdict.dict", "icu_word"), ("coll/km.res", "order_km")):
        items = {name: data for name, data in package.trimmed().items.items() if name != missing}
        folder = tmp_path / missing.replace("/", "_")
        folder.mkdir()
        broken = trim_icu.build_library(trim_icu.Package(package.header, package.prefix, items).write(), major, folder)
        problems = trim_icu.compare(full, trim_icu.probe_results(broken, strings))
        assert any(problem.startswith(f"{key}:") for problem in problems), problems


def test_trim_bundle_installs_only_a_library_that_passes_the_check(full_library, tmp_path, monkeypatch, capsys):
    if not shutil.which("gcc"):
        pytest.skip("gcc is needed to build the trimmed ICU data library")
    folder = tmp_path / "bundle" / "_internal" / "PySide6" / "Qt" / "lib"
    folder.mkdir(parents=True)
    bundled = Path(shutil.copy(full_library, folder))
    size = bundled.stat().st_size

    monkeypatch.setattr(trim_icu, "DROPPED", (*trim_icu.DROPPED, "coll/km.res"))  # a bad trim
    assert not trim_icu.trim_bundle(tmp_path / "bundle", ROOT)
    warning = capsys.readouterr().err
    assert "failed verification" in warning and "order_km" in warning
    assert bundled.stat().st_size == size  # the full library stays

    monkeypatch.undo()
    assert trim_icu.trim_bundle(tmp_path / "bundle", ROOT)
    assert bundled.stat().st_size < size / 4
