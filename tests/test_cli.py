"""The headless command line: names, flags, JSON keys, exit codes and one-line errors.

Most tests call ``main()`` in-process (fast); a few run the real entry point in a
subprocess to prove exit codes and that a person sees one line and never a traceback.
"""

import json
import os
import sqlite3
import subprocess
import sys
import uuid

import pytest

import consultation_app
from consultation_app import paths
from consultation_app.cli.main import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, main

ANNEX_CODES = [f"KH3-{i:02d}" for i in range(1, 48)]
ERROR_PREFIX = "consultation-app: error: "


# -- helpers -------------------------------------------------------------------------

def run(capsys, data_dir, *args):
    """main() in-process against ``data_dir``; returns (exit code, stdout, stderr)."""
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, data_dir, *args):
    code, out, err = run(capsys, data_dir, *args)
    assert code == EXIT_OK, err
    assert err == ""
    return json.loads(out)


def run_process(data_dir, *args, extra_env=None):
    """The real entry point, as central staff's scripts call it."""
    env = dict(os.environ)
    env.pop(paths.DATA_DIR_ENV, None)
    env[paths.DATA_DIR_ENV] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "consultation_app", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def assert_one_line_error(stderr, *fragments):
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(ERROR_PREFIX), stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, stderr)
    return lines[0]


def small_catalog(**overrides):
    """Another country's catalog: three recommendations, one with a Khmer text."""
    data = {
        "format": "upr-catalog",
        "format_version": 1,
        "catalog_id": "lao-upr3-2020",
        "version": "1.0",
        "title": "Test catalog for the Lao People's Democratic Republic",
        "source": "Test fixture",
        "date": "2020-01-21",
        "country": "LAO",
        "cycle": 3,
        "headings": [
            {"key": "civil", "title": "Civil and political rights"},
            {"key": "civil-speech", "parent": "civil", "title": "Freedom of expression"},
            {"key": "social", "title": "Economic and social rights", "title_km": "សិទ្ធិសេដ្ឋកិច្ច និងសង្គម"},
        ],
        "recommendations": [
            {"code": "LA3-01", "heading": "civil-speech", "text": "Guarantee the freedom of the press.",
             "sdgs": [16], "groups": ["civil_society"]},
            {"code": "LA3-02", "heading": "social", "text": "Extend rural water supply to every village.",
             "text_km": "ពង្រីកការផ្គត់ផ្គង់ទឹកស្អាតទៅគ្រប់ភូមិ។", "sdgs": [6], "groups": ["other"]},
            {"code": "LA3-03", "heading": "social", "text": "Build a maternity ward in each district hospital.",
             "sdgs": [3, 5]},
        ],
    }
    data.update(overrides)
    return data


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def annex_texts():
    annex = json.loads((paths.catalogs_dir() / "khm-upr3-2019.json").read_text(encoding="utf-8"))
    return annex["recommendations"]


# -- version, summary ------------------------------------------------------------------

def test_version_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    out, _ = capsys.readouterr()
    assert out.strip() == f"consultation-app {consultation_app.__version__}"


def test_version_through_the_entry_point(tmp_path):
    result = run_process(tmp_path / "data", "--version")
    assert result.returncode == 0
    assert consultation_app.__version__ in result.stdout
    assert not (tmp_path / "data").exists(), "--version must not create a data folder"


def test_summary_on_a_fresh_folder(capsys, data_dir):
    first = run_json(capsys, data_dir, "summary", "--json")
    assert {"recommendations", "consultations", "feedback", "notes"} <= set(first)
    assert first["recommendations"] == 47
    assert (first["consultations"], first["feedback"], first["notes"]) == (0, 0, 0)
    assert str(uuid.UUID(first["device_id"])) == first["device_id"]
    second = run_json(capsys, data_dir, "summary", "--json")
    assert second["device_id"] == first["device_id"], "one installation keeps one id"
    assert second == first


def test_summary_device_id_is_stable_across_processes(tmp_path):
    folder = tmp_path / "data"
    runs = [run_process(folder, "summary", "--json") for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert [r.stderr for r in runs] == ["", ""]
    first, second = (json.loads(r.stdout) for r in runs)
    uuid.UUID(first["device_id"])
    assert first["device_id"] == second["device_id"]
    assert first["recommendations"] == second["recommendations"] == 47


# -- catalog list / search ---------------------------------------------------------------

def test_catalog_list_json(capsys, data_dir):
    rows = run_json(capsys, data_dir, "catalog", "list", "--json")
    assert len(rows) == 47
    assert [row["code"] for row in rows] == ANNEX_CODES
    for row in rows:
        assert {"code", "part", "theme", "text", "sdgs", "section", "text_km", "groups", "catalog_id"} <= set(row)
        assert isinstance(row["sdgs"], list) and row["sdgs"], row["code"]
        assert all(type(goal) is int and 1 <= goal <= 17 for goal in row["sdgs"]), row["code"]
        assert isinstance(row["groups"], list) and all(isinstance(g, str) for g in row["groups"])
        assert row["catalog_id"] == "khm-upr3-ohchr-2019"
        assert row["text"] and row["text_km"]
    by_code = {row["code"]: row for row in rows}
    assert by_code["KH3-01"]["part"].startswith("Scope of international obligations")
    assert by_code["KH3-44"]["theme"] == "Minorities and indigenous peoples"
    assert by_code["KH3-44"]["section"] == "D. Rights of specific persons or groups"
    assert by_code["KH3-44"]["part"].startswith("Implementation of international human rights obligations")
    assert [row["text"] for row in rows] == [rec["text"] for rec in annex_texts()]


def test_catalog_list_plain_names_every_code(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "catalog", "list")
    assert code == EXIT_OK and err == ""
    for rec_code in ANNEX_CODES:
        assert f"{rec_code}  [" in out
    assert "Minorities and indigenous peoples" in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def test_catalog_search_by_word(capsys, data_dir):
    expected = [rec["code"] for rec in annex_texts() if "trafficking in persons" in rec["text"]]
    assert len(expected) == 1
    rows = run_json(capsys, data_dir, "catalog", "search", "trafficking", "--json")
    codes = [row["code"] for row in rows]
    assert expected[0] in codes
    assert codes == [rec["code"] for rec in annex_texts() if "trafficking" in rec["text"].lower()]
    assert all("trafficking" in row["text"].lower() for row in rows)
    assert {"code", "part", "theme", "text", "sdgs"} <= set(rows[0])


def test_catalog_search_by_code_puts_it_first(capsys, data_dir):
    rows = run_json(capsys, data_dir, "catalog", "search", "KH3-07", "--json")
    assert rows and rows[0]["code"] == "KH3-07"
    rows = run_json(capsys, data_dir, "catalog", "search", "kh3-07", "--json")
    assert rows[0]["code"] == "KH3-07"


def test_catalog_search_without_match_is_empty_and_ok(capsys, data_dir):
    assert run_json(capsys, data_dir, "catalog", "search", "xylophonequartz", "--json") == []
    code, out, err = run(capsys, data_dir, "catalog", "search", "xylophonequartz")
    assert (code, out, err) == (EXIT_OK, "", "")


# -- catalog import ----------------------------------------------------------------------

def test_catalog_import_of_a_new_catalog(capsys, data_dir, tmp_path):
    path = write_json(tmp_path / "lao.json", small_catalog())
    code, out, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_OK, err
    assert err == ""
    assert "loaded catalog lao-upr3-2020 version 1.0: 3 recommendations" in out
    rows = run_json(capsys, data_dir, "catalog", "list", "--json")
    assert len(rows) == 50
    imported = {row["code"]: row for row in rows if row["catalog_id"] == "lao-upr3-2020"}
    assert list(imported) == ["LA3-01", "LA3-02", "LA3-03"]
    assert imported["LA3-01"]["part"] == "Civil and political rights"
    assert imported["LA3-01"]["theme"] == "Freedom of expression"
    assert imported["LA3-02"]["text_km"] == "ពង្រីកការផ្គត់ផ្គង់ទឹកស្អាតទៅគ្រប់ភូមិ។"
    assert imported["LA3-03"]["sdgs"] == [3, 5]
    assert run_json(capsys, data_dir, "summary", "--json")["recommendations"] == 50
    found = run_json(capsys, data_dir, "catalog", "search", "ទឹកស្អាត", "--json")
    assert "LA3-02" in [row["code"] for row in found]
    # the same file again changes nothing
    code, out, _ = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_OK and "already loaded; nothing changed" in out
    assert run_json(capsys, data_dir, "summary", "--json")["recommendations"] == 50


def test_catalog_import_of_an_older_version_is_refused(capsys, data_dir, tmp_path):
    newer = write_json(tmp_path / "new.json", small_catalog(version="2.0"))
    older = write_json(tmp_path / "old.json", small_catalog(version="1.9"))
    assert run(capsys, data_dir, "catalog", "import", str(newer))[0] == EXIT_OK
    code, out, err = run(capsys, data_dir, "catalog", "import", str(older))
    assert code == EXIT_FAILED and out == ""
    assert_one_line_error(err, "older", "1.9", "2.0")


def test_catalog_import_of_a_missing_file(capsys, data_dir, tmp_path):
    missing = tmp_path / "nowhere" / "missing.json"
    code, out, err = run(capsys, data_dir, "catalog", "import", str(missing))
    assert code == EXIT_FAILED and out == ""
    assert_one_line_error(err, str(missing), "no such file")


def test_catalog_import_of_invalid_json_gives_line_and_column(capsys, data_dir, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "upr-catalog",\n  "version": 1.0,,\n}\n', encoding="utf-8")
    code, _, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_FAILED
    assert_one_line_error(err, str(path), "not valid JSON", "line 3", "column")


def test_catalog_import_of_the_wrong_format(capsys, data_dir, tmp_path):
    path = write_json(tmp_path / "other.json", small_catalog(format="something-else"))
    code, _, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_FAILED
    assert_one_line_error(err, str(path), "'format' must be 'upr-catalog'")
    path = write_json(tmp_path / "list.json", [small_catalog()])
    code, _, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_FAILED
    assert_one_line_error(err, str(path), "one JSON object")


def test_catalog_import_with_a_duplicate_code(capsys, data_dir, tmp_path):
    data = small_catalog()
    data["recommendations"][2]["code"] = "LA3-01"
    path = write_json(tmp_path / "dup.json", data)
    code, _, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_FAILED
    assert_one_line_error(err, str(path), "recommendation 3", "LA3-01", "used twice")


def test_catalog_import_with_an_unknown_heading(capsys, data_dir, tmp_path):
    data = small_catalog()
    data["recommendations"][1]["heading"] = "no-such-heading"
    path = write_json(tmp_path / "heading.json", data)
    code, _, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_FAILED
    assert_one_line_error(err, str(path), "recommendation 2", "no-such-heading", "not among the headings")


def test_failed_import_changes_nothing(capsys, data_dir, tmp_path):
    data = small_catalog()
    data["recommendations"][2]["sdgs"] = [18]
    path = write_json(tmp_path / "bad.json", data)
    assert run(capsys, data_dir, "catalog", "import", str(path))[0] == EXIT_FAILED
    capsys.readouterr()
    assert run_json(capsys, data_dir, "summary", "--json")["recommendations"] == 47


def test_import_errors_through_the_entry_point(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{ not json", encoding="utf-8")
    result = run_process(tmp_path / "data", "catalog", "import", str(path))
    assert result.returncode == EXIT_FAILED
    assert result.stdout == ""
    assert_one_line_error(result.stderr, str(path), "line 1")


# -- usage errors and bad values -----------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["frobnicate"],
    ["catalog"],
    ["catalog", "erase"],
    ["catalog", "search"],
    ["demo-data"],
    ["demo-data", "--consultations", "abc"],
    ["demo-data", "--consultations", "2", "--seed", "x"],
    ["summary", "--yaml"],
])
def test_bad_usage_exits_2(capsys, data_dir, args):
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(data_dir), *args])
    assert exit_info.value.code == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert "usage:" in err and "Traceback" not in err


def test_bad_usage_through_the_entry_point(tmp_path):
    for args in (["frobnicate"], ["demo-data"], ["demo-data", "--consultations", "abc"]):
        result = run_process(tmp_path / "data", *args)
        assert result.returncode == EXIT_USAGE, args
        assert "usage:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ["demo-data", "--consultations", "-1"],
    ["demo-data", "--consultations", "2", "--feedback-per-consultation", "-5"],
])
def test_negative_counts_fail_with_a_message(capsys, data_dir, args):
    code, out, err = run(capsys, data_dir, *args)
    assert code == EXIT_FAILED and out == ""
    assert_one_line_error(err, "negative")
    assert run_json(capsys, data_dir, "summary", "--json")["consultations"] == 0


def test_negative_consultations_through_the_entry_point(tmp_path):
    result = run_process(tmp_path / "data", "demo-data", "--consultations", "-1")
    assert result.returncode == EXIT_FAILED
    assert_one_line_error(result.stderr, "negative")


# -- which data folder ---------------------------------------------------------------------

@pytest.fixture
def two_folders(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    paths.set_data_dir(None)
    yield tmp_path / "from-env", tmp_path / "from-flag"
    paths.set_data_dir(None)


def _counts_in(capsys, folder):
    paths.set_data_dir(None)
    rows = run_json(capsys, folder, "summary", "--json")
    paths.set_data_dir(None)
    return rows["consultations"], rows["feedback"], rows["data_dir"]


def test_data_dir_flag_and_environment_variable_are_separate(capsys, monkeypatch, two_folders):
    env_folder, flag_folder = two_folders
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(env_folder))

    # only the environment variable: the data goes there
    assert main(["demo-data", "--consultations", "2", "--feedback-per-consultation", "4"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert "added 2 consultations" in out and err == ""
    assert (env_folder / paths.DATABASE_NAME).exists()
    assert not flag_folder.exists()

    # --data-dir wins over the environment variable
    assert main(["--data-dir", str(flag_folder), "demo-data", "--consultations", "3",
                 "--feedback-per-consultation", "4"]) == EXIT_OK
    capsys.readouterr()
    paths.set_data_dir(None)

    env_consultations, env_feedback, env_path = _counts_in(capsys, env_folder)
    flag_consultations, _, flag_path = _counts_in(capsys, flag_folder)
    assert (env_consultations, flag_consultations) == (2, 3)
    assert env_path == str(env_folder.resolve()) and flag_path == str(flag_folder.resolve())

    # the environment variable alone reads its own folder
    assert main(["summary", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["consultations"] == 2


def test_environment_variable_through_the_entry_point(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    added = run_process(first, "demo-data", "--consultations", "2", "--feedback-per-consultation", "3")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added 2 consultations")
    flagged = run_process(first, "--data-dir", str(second), "summary", "--json")
    assert flagged.returncode == 0
    assert json.loads(flagged.stdout)["consultations"] == 0
    assert json.loads(flagged.stdout)["data_dir"] == str(second.resolve())
    again = run_process(first, "summary", "--json")
    assert json.loads(again.stdout)["consultations"] == 2


# -- damaged, foreign or unusable data folders ---------------------------------------------

def _database_from_a_newer_app(folder):
    from consultation_app.services.workspace import Workspace

    folder.mkdir(parents=True, exist_ok=True)
    Workspace(folder / paths.DATABASE_NAME).close()
    conn = sqlite3.connect(folder / paths.DATABASE_NAME)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('consultation_app', 'm999_future', '2031-01-01 00:00:00+00:00')")
    conn.close()


def test_database_from_a_newer_app_is_refused(capsys, data_dir):
    _database_from_a_newer_app(data_dir)
    code, out, err = run(capsys, data_dir, "summary", "--json")
    assert code == EXIT_FAILED and out == ""
    assert_one_line_error(err, "newer version", "m999_future")


def test_database_from_a_newer_app_through_the_entry_point(tmp_path):
    folder = tmp_path / "data"
    _database_from_a_newer_app(folder)
    result = run_process(folder, "summary", "--json")
    assert result.returncode == EXIT_FAILED
    assert result.stdout == ""
    assert_one_line_error(result.stderr, "newer version")
    conn = sqlite3.connect(folder / paths.DATABASE_NAME)
    names = [name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert names[-1] == "m999_future", "a refused database is left as it was"


def test_garbage_database_file(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    garbage = b"not a database" * 100
    (folder / paths.DATABASE_NAME).write_bytes(garbage)
    result = run_process(folder, "summary", "--json")
    assert result.returncode == EXIT_FAILED
    assert result.stdout == ""
    assert_one_line_error(result.stderr, paths.DATABASE_NAME, "damaged")
    assert (folder / paths.DATABASE_NAME).read_bytes() == garbage, "a damaged file is never overwritten"


def test_database_path_that_cannot_be_opened(tmp_path):
    folder = tmp_path / "data"
    (folder / paths.DATABASE_NAME).mkdir(parents=True)  # a folder where the database file should be
    result = run_process(folder, "summary", "--json")
    assert result.returncode == EXIT_FAILED
    assert_one_line_error(result.stderr, paths.DATABASE_NAME)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_data_folder(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_process(folder, "summary", "--json")
    finally:
        folder.chmod(0o700)
    assert result.returncode == EXIT_FAILED
    assert_one_line_error(result.stderr)


def test_data_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_process(blocker / "data", "summary", "--json")
    assert "Traceback" not in result.stderr
    assert result.returncode == EXIT_FAILED, result.stderr
    assert_one_line_error(result.stderr, str(blocker / "data"))


def test_internal_error_when_the_logs_folder_cannot_be_made(capsys, data_dir, monkeypatch):
    """A bug while the log cannot be written: still one line and exit 3, never a traceback."""
    from consultation_app.services import workspace as workspace_module

    data_dir.mkdir(parents=True)
    (data_dir / "logs").write_text("a file where the logs folder should be", encoding="utf-8")

    def broken_summary(ws):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(workspace_module, "summary", broken_summary)
    code, out, err = run(capsys, data_dir, "summary", "--json")
    assert code == EXIT_INTERNAL
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("consultation-app: internal error: ")
    assert "simulated bug" in lines[0] and "Traceback" not in err


def test_internal_error_is_logged(capsys, data_dir, monkeypatch):
    from consultation_app.services import workspace as workspace_module

    def broken_summary(ws):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(workspace_module, "summary", broken_summary)
    code, out, err = run(capsys, data_dir, "summary")
    assert code == EXIT_INTERNAL and out == ""
    log = data_dir / "logs" / "errors.log"
    assert str(log) in err and len(err.strip().splitlines()) == 1
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: simulated bug" in text


@pytest.mark.parametrize("argv", [[], ["--smoke-test"], ["--data-dir", "D"], ["--data-dir=D", "--smoke-test"],
                                  ["--passphrase-env", "PASS", "--data-dir", "D"]])
def test_the_desktop_command_line_reads_as_the_full_parser_reads_it(argv):
    """The desktop app's start reads its options without building every command's parser."""
    from consultation_app.cli.main import _desktop_args, build_parser

    assert vars(_desktop_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["summary"], ["--data-dir", "D", "summary", "--json"], ["--bogus"],
                                  ["--data-dir"], ["-h"], ["--smoke-test", "--help"]])
def test_commands_help_and_mistakes_go_to_the_full_parser(argv):
    from consultation_app.cli.main import _desktop_args

    assert _desktop_args(argv) is None
