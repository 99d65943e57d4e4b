"""A database restored from a crafted backup (schema exactly the app's, values not): a value no
form of the app could have saved must stop the command that meets it with one line naming the
record and field, never an internal error (exit 3) and never a half-written file."""

import sqlite3

import pytest

from consultation_app.cli.main import main
from consultation_app.domain.records import CONSULTATION, FEEDBACK

CRAFTED_DATES = ["not a date", "2024-13-45", "2024-02-30", "\x1b[2J"]


def cli(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def crafted(workspace, data_dir):
    consultation = workspace.records.create(CONSULTATION, {
        "title": "Ratanakiri", "stakeholder_group": "civil_society", "province": "ratanakiri",
        "start_date": "2024-03-05"})
    workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"],
                                        "recommendation_code": "KH3-30", "comment": "Land"})
    workspace.close()

    def craft(value: str) -> str:
        conn = sqlite3.connect(workspace.database_path)
        conn.execute("UPDATE consultations SET start_date = ?", [value])
        conn.commit()
        conn.close()
        return consultation["uuid"]
    return craft


@pytest.mark.parametrize("value", CRAFTED_DATES)
def test_an_export_names_the_crafted_date_and_writes_nothing(crafted, capsys, data_dir, tmp_path, value):
    uuid = crafted(value)
    out_file = tmp_path / "export.xlsx"
    code, out, err = cli(capsys, data_dir, "export", "--out", str(out_file))
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1
    assert uuid in err and "start_date" in err and "not a date" in err.lower()
    assert "\x1b" not in err
    assert not out_file.exists()
    assert not list(tmp_path.glob("export.xlsx*"))


@pytest.mark.parametrize("command", [["report", "--out", "r.xlsx"], ["report", "--out", "r.pdf"],
                                     ["master-export", "--out", "m.xlsx"], ["matrix", "--out", "x.xlsx"]])
def test_other_writers_never_fail_internally_on_a_crafted_date(crafted, capsys, data_dir, tmp_path, command):
    crafted("2024-13-45")
    args = [a if not a.endswith((".xlsx", ".pdf")) else str(tmp_path / a) for a in command]
    code, out, err = cli(capsys, data_dir, *args)
    assert code in (0, 1), err
    assert "internal error" not in err.lower() and "Traceback" not in err
