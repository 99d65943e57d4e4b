"""Synthetic consultations: reproducible, realistic, valid, and all-or-nothing."""

import re
import statistics
from collections import Counter

import pytest

from consultation_app import paths
from consultation_app.cli.main import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, PARTICIPANT_SUBSETS, participant_total
from consultation_app.services.demo import add_demo_data, generate
from consultation_app.services.workspace import Workspace, summary
from consultation_app.storage import catalog_store, stats
from consultation_app.storage.records_store import RecordStore

KHMER = re.compile("[\u1780-\u17ff]")
LATIN_WORD = re.compile("[A-Za-z]{3,}")


def demo_folder(folder, count, seed, feedback_mean=10):
    """Fresh data folder with demo data; returns what it holds, in insertion order."""
    folder.mkdir(parents=True, exist_ok=True)
    with Workspace(folder / paths.DATABASE_NAME) as ws:
        counts = add_demo_data(ws, count, seed, feedback_mean)
        held = {
            "counts": counts,
            "consultations": [(r["uuid"], r["title"], r["content_hash"]) for r in ws.records.query(CONSULTATION)],
            "feedback": [(r["uuid"], r["content_hash"]) for r in ws.records.query(FEEDBACK)],
            "notes": [(r["uuid"], r["content_hash"]) for r in ws.records.query(NOTE)],
            "device_id": ws.device_id,
        }
    return held


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    """40 consultations, 20 feedback entries each on average, in one fresh folder."""
    folder = tmp_path_factory.mktemp("realistic")
    ws = Workspace(folder / paths.DATABASE_NAME)
    counts = add_demo_data(ws, 40, seed=11, feedback_mean=20)
    yield ws, counts
    ws.close()


# -- reproducible --------------------------------------------------------------------------

def test_same_seed_gives_the_same_records(tmp_path):
    first = demo_folder(tmp_path / "one", 6, seed=42)
    second = demo_folder(tmp_path / "two", 6, seed=42)
    assert first["device_id"] != second["device_id"], "two installations"
    assert first["counts"]["consultations"] == 6
    assert first["counts"] == second["counts"]
    for kind in ("consultations", "feedback", "notes"):
        assert first[kind] == second[kind], kind
    assert len(first["feedback"]) > 0 and len(first["notes"]) > 0


def test_different_seed_differs(tmp_path):
    first = demo_folder(tmp_path / "one", 6, seed=1)
    second = demo_folder(tmp_path / "two", 6, seed=2)
    assert {u for u, _, _ in first["consultations"]}.isdisjoint({u for u, _, _ in second["consultations"]})
    assert [h for _, h in first["feedback"]] != [h for _, h in second["feedback"]]


def test_generate_is_pure(workspace):
    recs = catalog_store.list_recommendations(workspace.db)
    one = list(generate(workspace.reference, recs, 3, seed=5, feedback_mean=6))
    two = list(generate(workspace.reference, recs, 3, seed=5, feedback_mean=6))
    assert one == two
    assert stats.record_counts(workspace.db)["consultations"] == 0, "generating writes nothing"


def test_seeded_data_added_twice_to_one_folder_is_all_or_nothing(workspace):
    """The same seed twice in one folder repeats its UUIDs: whatever happens, never half-added."""
    add_demo_data(workspace, 2, seed=3, feedback_mean=4)
    before = stats.record_counts(workspace.db)
    try:
        add_demo_data(workspace, 2, seed=3, feedback_mean=4)
    except Exception:
        assert stats.record_counts(workspace.db) == before
    else:
        assert stats.record_counts(workspace.db)["consultations"] == 2 * before["consultations"]
    assert not workspace.db.conn.in_transaction
    counts = add_demo_data(workspace, 2, seed=4, feedback_mean=4)
    assert stats.record_counts(workspace.db)["consultations"] == before["consultations"] + counts["consultations"]


def test_demo_data_twice_with_the_same_seed_is_not_an_internal_error(capsys, data_dir):
    args = ["--data-dir", str(data_dir), "demo-data", "--consultations", "2", "--feedback-per-consultation", "3"]
    assert main(args) == EXIT_OK
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    assert code in (EXIT_OK, EXIT_FAILED), err
    with Workspace() as ws:
        consultations = stats.record_counts(ws.db)["consultations"]
    assert code == EXIT_FAILED
    assert len(err.strip().splitlines()) == 1 and err.startswith("consultation-app: error: ")
    assert "already in this data folder" in err
    assert consultations == 2


# -- realistic ------------------------------------------------------------------------------

def test_counts_match_what_is_stored(realistic):
    ws, counts = realistic
    held = summary(ws)
    assert counts["consultations"] == held["consultations"] == 40
    assert counts["feedback"] == held["feedback"]
    assert counts["notes"] == held["notes"]
    assert held["recommendations"] == 47


def test_spread_over_provinces_and_every_stakeholder_group(realistic):
    ws, _ = realistic
    rows = ws.records.query(CONSULTATION)
    provinces = Counter(r["province"] for r in rows)
    groups = Counter(r["stakeholder_group"] for r in rows)
    assert len(provinces) >= 8
    assert set(provinces) <= set(ws.reference.keys("provinces"))
    assert set(groups) == set(ws.reference.keys("stakeholder_groups"))
    assert len(set(ws.reference.keys("stakeholder_groups"))) == 4
    assert len({r["start_date"][:4] for r in rows}) >= 2, "spread over several years"
    assert {r["status"] for r in rows} == {"draft", "final"}


def test_participants_add_up(realistic):
    ws, _ = realistic
    for row in ws.records.query(CONSULTATION):
        total = participant_total(row)
        assert total > 0, row["uuid"]
        for name in PARTICIPANT_SUBSETS:
            assert 0 <= row[name] <= total, (name, row)
        if row["stakeholder_group"] == "indigenous_communities":
            assert row["participants_indigenous"] > 0
        assert row["end_date"] >= row["start_date"]
        assert row["title"] and row["catalog_id"] == "khm-upr3-ohchr-2019"
        assert "km" in row["languages"]


def test_comments_in_khmer_and_in_english(realistic):
    ws, _ = realistic
    comments = [r["comment"] for r in ws.records.query(FEEDBACK)]
    khmer = [c for c in comments if KHMER.search(c)]
    english = [c for c in comments if not KHMER.search(c) and LATIN_WORD.search(c)]
    assert khmer and english
    assert 0.2 < len(khmer) / len(comments) < 0.8
    quotes = [r for r in ws.records.query(FEEDBACK) if r["quote"]]
    assert quotes and all(KHMER.search(r["quote"]) and r["quote_translation"] for r in quotes)


def test_feedback_refers_to_real_recommendations_and_consultations(realistic):
    ws, _ = realistic
    codes = {(r["catalog_id"], r["code"]) for r in catalog_store.list_recommendations(ws.db)}
    consultations = {r["uuid"] for r in ws.records.query(CONSULTATION)}
    feedback = ws.records.query(FEEDBACK)
    assert feedback
    for row in feedback:
        assert (row["catalog_id"], row["recommendation_code"]) in codes, row["recommendation_code"]
        assert row["consultation_uuid"] in consultations
        assert row["priority"] in ws.reference.keys("priorities")
        assert row["implementation_assessment"] in ws.reference.keys("implementation_assessments")
    assert len({row["recommendation_code"] for row in feedback}) >= 30, "most recommendations get some"
    themes = {r["theme_key"] for r in catalog_store.list_recommendations(ws.db)}
    for note in ws.records.query(NOTE):
        assert note["consultation_uuid"] in consultations
        assert note["theme"] in themes and note["text"]


def test_about_the_requested_feedback_per_consultation(realistic):
    ws, counts = realistic
    per = Counter(r["consultation_uuid"] for r in ws.records.query(FEEDBACK))
    sizes = [per.get(r["uuid"], 0) for r in ws.records.query(CONSULTATION)]
    assert 16 <= statistics.mean(sizes) <= 24, statistics.mean(sizes)
    assert min(sizes) >= 10 and max(sizes) <= 30, "between half and one and a half times the mean"
    assert counts["feedback"] == sum(sizes)


def test_every_record_is_a_proper_sync_record(realistic):
    ws, _ = realistic
    for kind in (CONSULTATION, FEEDBACK, NOTE):
        rows = ws.records.query(kind)
        assert rows
        assert all(r["device_id"] == ws.device_id and r["revision"] == 1 for r in rows)
        assert len({r["local_seq"] for r in rows}) == len(rows)
        history = ws.db.execute("SELECT count(*) FROM record_revisions WHERE record_table = ? "
                                "AND action = 'create'", [kind.table]).fetchone()[0]
        assert history == len(rows)


def test_zero_feedback_is_allowed(workspace):
    counts = add_demo_data(workspace, 3, seed=1, feedback_mean=0)
    assert counts["consultations"] == 3 and counts["feedback"] == 0


# -- all or nothing ------------------------------------------------------------------------

def test_a_failure_midway_adds_nothing(workspace, monkeypatch):
    real = RecordStore.create_many
    calls = []

    def failing(self, kind, items):
        calls.append(kind.table)
        if kind is NOTE:
            raise RuntimeError("disk pulled out while writing notes")
        return real(self, kind, items)

    monkeypatch.setattr(RecordStore, "create_many", failing)
    before = stats.record_counts(workspace.db)
    seq_before = workspace.db.execute("SELECT value FROM settings WHERE key = 'local_seq'").fetchone()
    with pytest.raises(RuntimeError):
        add_demo_data(workspace, 5, seed=9, feedback_mean=8)
    assert calls == ["consultations", "feedback", "notes"], "consultations and feedback were written first"
    assert stats.record_counts(workspace.db) == before
    assert before["consultations"] == before["feedback"] == before["notes"] == 0
    assert workspace.db.execute("SELECT count(*) FROM record_revisions").fetchone()[0] == 0
    assert workspace.db.execute("SELECT value FROM settings WHERE key = 'local_seq'").fetchone() == seq_before
    assert not workspace.db.conn.in_transaction
    monkeypatch.setattr(RecordStore, "create_many", real)
    counts = add_demo_data(workspace, 5, seed=9, feedback_mean=8)
    assert stats.record_counts(workspace.db)["consultations"] == counts["consultations"] == 5


def test_a_failure_midway_through_the_cli_adds_nothing(capsys, data_dir, monkeypatch):
    real = RecordStore.create_many

    def failing(self, kind, items):
        if kind is NOTE:
            raise RuntimeError("simulated failure")
        return real(self, kind, items)

    monkeypatch.setattr(RecordStore, "create_many", failing)
    code = main(["--data-dir", str(data_dir), "demo-data", "--consultations", "4",
                 "--feedback-per-consultation", "5"])
    out, err = capsys.readouterr()
    assert code == EXIT_INTERNAL
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "simulated failure" in err and "Traceback" not in err
    log = data_dir / "logs" / "errors.log"
    assert "Traceback" in log.read_text(encoding="utf-8"), "the traceback goes to the log"
    with Workspace() as ws:
        counts = stats.record_counts(ws.db)
    assert (counts["consultations"], counts["feedback"], counts["notes"]) == (0, 0, 0)
