"""Following a recommendation across cycles: proposals by similarity, a person's decisions,
and the feedback gathered on a recommendation's confirmed predecessors."""

from consultation_app.domain.linking import english_terms, khmer_terms, suggest_links
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.services.workspace import Workspace
from tests.catalog_fixtures import write_uhri_xlsx
from tests.test_cli import EXIT_FAILED, EXIT_OK, assert_one_line_error, run, run_json

ANNEX = "khm-upr3-ohchr-2019"


def test_terms():
    assert english_terms("Ensuring that all pending lands disputes are settled") == ["pend", "land", "disput",
                                                                                      "settl"]
    assert khmer_terms("ដី\u200bធ្លី") == khmer_terms("ដីធ្លី")


def test_khmer_and_shared_goals_count_when_english_differs():
    earlier = [{"code": "A", "text": "Protect forests.", "text_km": "ការពារព្រៃឈើ", "sdgs": [15]},
               {"code": "B", "text": "Protect journalists.", "text_km": "ការពារអ្នកសារព័ត៌មាន", "sdgs": [16]}]
    later = [{"code": "X", "text": "Conserve woodland.", "text_km": "ការពារព្រៃឈើ និងដី", "sdgs": [15]}]
    best = suggest_links(earlier, later, top=1)[0]
    assert best.from_code == "A" and best.khmer > 0.3 and best.shared == 1.0 and best.english == 0.0


def test_suggest_link_review_and_predecessor_feedback(capsys, data_dir, tmp_path):
    uhri = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    assert run(capsys, data_dir, "catalog", "import", str(uhri), "--country", "Cambodia", "--cycle", "4",
               "--skip-bad-rows", "--id", "khm-upr4")[0] == EXIT_OK
    rows = run_json(capsys, data_dir, "catalog", "suggest-links", "--from", ANNEX, "--to", "khm-upr4", "--json")
    land = [r for r in rows if r["to_code"] == "110.24"]
    assert land[0]["from_code"] == "KH3-09" and land[0]["status"] == "proposed" and 0 < land[0]["score"] <= 1
    assert len(land) <= 3 and [r["score"] for r in land] == sorted((r["score"] for r in land), reverse=True)
    torture = [r for r in rows if r["to_code"] == "110.23"]
    assert "KH3-13" in [r["from_code"] for r in torture], "confessions under torture: a predecessor"

    code, out, err = run(capsys, data_dir, "catalog", "link", "KH3-09", "110.24")
    assert code == EXIT_OK and "confirmed link: khm-upr4 110.24 continues khm-upr3-ohchr-2019 KH3-09" in out
    run(capsys, data_dir, "catalog", "link", "KH3-44", "110.24")
    run(capsys, data_dir, "catalog", "unlink", "KH3-13", "110.23")
    rows = run_json(capsys, data_dir, "catalog", "suggest-links", "--from", ANNEX, "--to", "khm-upr4", "--json")
    assert {(r["from_code"], r["to_code"]): r["status"] for r in rows}[("KH3-09", "110.24")] == "confirmed"

    with Workspace() as workspace:  # feedback gathered on the 3rd-cycle predecessors
        consultation = workspace.records.create(CONSULTATION, {"title": "Ratanakiri", "catalog_id": ANNEX,
                                                               "start_date": "2021-03-01"})
        for code, priority in (("KH3-09", "high"), ("KH3-09", "medium"), ("KH3-44", "high")):
            workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "catalog_id": ANNEX,
                                                "recommendation_code": code, "priority": priority})
    links = run_json(capsys, data_dir, "catalog", "links", "--catalog", "khm-upr4", "--json")
    by_pair = {(r["from_code"], r["to_code"]): r for r in links}
    assert by_pair[("KH3-09", "110.24")]["predecessor_feedback"] == {"entries": 2, "consultations": 1, "high": 1,
                                                                     "medium": 1, "low": 0}
    assert by_pair[("KH3-44", "110.24")]["predecessor_feedback"]["entries"] == 1
    assert by_pair[("KH3-13", "110.23")]["status"] == "rejected"
    assert by_pair[("KH3-13", "110.23")]["predecessor_feedback"]["entries"] == 0, "a rejected link shows nothing"


def test_link_errors_are_one_line(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "catalog", "link", "KH3-09", "999.9")
    assert code == EXIT_FAILED
    assert_one_line_error(err, "no recommendation 999.9")
    code, out, err = run(capsys, data_dir, "catalog", "suggest-links", "--from", ANNEX, "--to", "nope")
    assert code == EXIT_FAILED
    assert_one_line_error(err, "no catalog 'nope'")


def test_report_shows_feedback_on_confirmed_predecessors(capsys, data_dir, tmp_path, qtbot):
    import shutil
    import subprocess

    import pytest

    from consultation_app.exchange.report import write_report

    uhri = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    run(capsys, data_dir, "catalog", "import", str(uhri), "--country", "Cambodia", "--cycle", "4",
        "--skip-bad-rows", "--id", "khm-upr4")
    run(capsys, data_dir, "catalog", "link", "KH3-09", "110.24")
    with Workspace() as workspace:
        consultation = workspace.records.create(CONSULTATION, {"title": "Earlier", "catalog_id": ANNEX,
                                                               "start_date": "2021-03-01"})
        for priority in ("high", "low"):
            workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "catalog_id": ANNEX,
                                                "recommendation_code": "KH3-09", "priority": priority})
        path = write_report(workspace.database_path, tmp_path / "report.pdf", workspace.reference).path
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Earlier cycle, KH3-09 (khm-upr3-ohchr-2019): 2 feedback entries from 1 consultations" in text


def test_report_of_one_catalog(capsys, data_dir, tmp_path):
    uhri = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    run(capsys, data_dir, "catalog", "import", str(uhri), "--country", "Cambodia", "--cycle", "4",
        "--skip-bad-rows", "--id", "khm-upr4")
    everything = run_json(capsys, data_dir, "report", "--out", str(tmp_path / "all.xlsx"), "--json")
    one = run_json(capsys, data_dir, "report", "--out", str(tmp_path / "one.xlsx"), "--catalog", "khm-upr4", "--json")
    assert (everything["recommendations"], one["recommendations"]) == (52, 5)
    code, out, err = run(capsys, data_dir, "report", "--out", str(tmp_path / "x.xlsx"), "--catalog", "nope")
    assert code == EXIT_FAILED
    assert_one_line_error(err, "no catalog 'nope'")
