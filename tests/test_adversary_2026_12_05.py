"""Adversary, 2026-12-05: the attachments archive and a crafted database against the export.
Each test is an attack; those that pass guard a defence that held."""

from __future__ import annotations

import zipfile

import pytest

from consultation_app.errors import AppError
from consultation_app.exchange.attachment_archive import archive_path
from tests import test_attachment_exchange as base
from tests.test_attachment_exchange import archive_members, assert_records_merged_without_attachments, export, merge

# The neighbouring file's fixtures, by the same names (a laptop, the office, an export with two files).
laptop = base.laptop
central = base.central
exported = base.exported


def test_a_huge_number_of_tiny_members_is_refused_with_a_message(exported, central):
    """Tens of thousands of empty members beside the real ones: refused before they are read."""
    result, _, _ = exported
    path = archive_path(result.path)
    members = archive_members(path)
    path.unlink()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for number in range(40_000):
            archive.writestr(f"files/{number:064x}", b"")
    outcome = merge(central, result.path)
    assert_records_merged_without_attachments(central, outcome, "rejected")


def test_a_crafted_database_with_a_missing_chunk_stops_the_export_with_a_message(exported, laptop, tmp_path):
    """A restored backup whose attachment bytes lost a chunk: the export names it, no traceback."""
    laptop.db.execute("DELETE FROM attachment_chunks WHERE rowid = (SELECT min(rowid) FROM attachment_chunks)")
    with pytest.raises(AppError) as caught:
        export(laptop, tmp_path / "again.xlsx")
    message = str(caught.value)
    assert "\n" not in message and ("sheet.png" in message or "chart.jpg" in message), message
    assert "damaged" in message
    assert not (tmp_path / "again.xlsx").exists() and not archive_path(tmp_path / "again.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("again")]


def test_a_replayed_older_export_does_not_re_widen_a_withdrawn_consent(tmp_path, open_ws):
    """The office merges the wide consent, then its withdrawal, then the first file again."""
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.storage import consent_store
    from tests import test_consent_exchange as consent_tests

    laptop, office = open_ws("laptop", "Kampot laptop"), open_ws("central", "Central office")
    c = consent_tests.consultation(laptop)
    consent_tests.give(laptop, c["uuid"], attribution="name")
    consent_tests.entry(laptop, c["uuid"], quote=consent_tests.QUOTE)
    first = consent_tests.export(laptop, tmp_path / "first.xlsx", include_sensitive=True)
    merge_paths(office.database_path, [first.path], consent_tests.REFERENCE)
    consent_service = consent_tests.consent_service
    consent_service.withdraw(laptop.records, c["uuid"])
    second = consent_tests.export(laptop, tmp_path / "second.xlsx", since_last=True)
    merge_paths(office.database_path, [second.path], consent_tests.REFERENCE)
    assert consent_store.get(office.db, c["uuid"]).withdrawn

    replay = merge_paths(office.database_path, [first.path], consent_tests.REFERENCE)[0]

    assert "\n" not in replay.message
    assert consent_store.get(office.db, c["uuid"]).withdrawn
    words = office.db.execute("SELECT group_concat(coalesce(quote, '')) FROM feedback").fetchone()[0] or ""
    assert consent_tests.QUOTE not in words


def test_revision_parents_in_a_cycle_or_a_very_deep_chain_neither_recurse_nor_hang():
    """Crafted parents: a 200,000-deep chain and a cycle are walked iteratively and end."""
    from consultation_app.domain.implementation_exchange import ancestors, heads

    depth = 200_000
    chain = {f"r{n}": ([f"r{n - 1}"] if n else []) for n in range(depth)}
    assert len(ancestors(f"r{depth - 1}", chain)) == depth - 1
    assert heads(chain) == {f"r{depth - 1}"}

    cycle = {"a": ["b"], "b": ["c"], "c": ["a"]}
    assert ancestors("a", cycle) == {"a", "b", "c"}
    assert heads(cycle) == set()  # no head: the merge must not pick one from a cycle


def test_the_cli_export_of_a_damaged_attachment_exits_1_with_one_line(workspace, data_dir, tmp_path, capsys):
    from consultation_app.cli.main import main as cli_main

    c = base.meeting(workspace)
    base.attach(workspace, c, tmp_path, "chart.jpg", base.jpeg_bytes(), "photo")
    workspace.db.execute("UPDATE attachment_chunks SET data = x'00' WHERE rowid = (SELECT max(rowid) "
                         "FROM attachment_chunks)")
    code = cli_main(["--data-dir", str(data_dir), "export", "--out", str(tmp_path / "out.xlsx")])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert "damaged" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out.xlsx").exists()
