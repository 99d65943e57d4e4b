"""Consent per consultation and per quoted person on the laptop and on the way to the central
office: what stays on the laptop, what travels, what a tampered consents sheet does, how an
older export is read, and withdrawal through the existing withdraw path."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from consultation_app.domain import signing
from consultation_app.domain.consent import Consent
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import AppError
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import MERGED, NEEDS_REVIEW, merge_paths
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.services import consent as consent_service
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import consent_store
from tests.conftest import open_device

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()
QUOTE = "Qz9 they moved the boundary posts at night"
NAME = "Qz9Sokha-Chan"


def consultation(ws, **values):
    base = {"title": "Kampot meeting", "stakeholder_group": "civil_society", "province": "kampot",
            "start_date": "2024-03-06", "participants_women": 3, "consent_policy": "individuals_with_consent"}
    return ws.records.create(CONSULTATION, {**base, **values})


def entry(ws, c_uuid, code="KH3-01", **values):
    return ws.records.create(FEEDBACK, {"consultation_uuid": c_uuid, "catalog_id": CATALOG,
                                        "recommendation_code": code, **values})


def give(ws, c_uuid, subject="", **scope):
    values = {"consultation_uuid": c_uuid, "subject": subject, "given": "written", "text_version": "v2",
              "quotes": True, "attribution": "group", "visibility": "central_office", **scope}
    return consent_service.record(ws.records, values)


def export(ws, out: Path, **options):
    return export_package(ws.database_path, out, REFERENCE, **options)


def sheet_uuids(path: Path, sheet: str) -> set[str]:
    package = read_export(path, REFERENCE)
    return set(package.sheets[sheet].column("uuid"))


@pytest.fixture
def laptop(open_ws):
    return open_ws("laptop", "Kampot laptop")


@pytest.fixture
def central(open_ws):
    return open_ws("central", "Central office")


def test_an_entry_beyond_its_consent_stays_on_the_laptop_even_with_sensitive_content_chosen(laptop, tmp_path):
    c = consultation(laptop)
    give(laptop, c["uuid"], attribution="group")
    by_group = entry(laptop, c["uuid"], quote=QUOTE, attribution="by_group")
    named = entry(laptop, c["uuid"], code="KH3-02", comment="land", attribution="named_with_consent",
                  attributed_to=NAME)
    plain = entry(laptop, c["uuid"], code="KH3-03", comment="schools are far")

    result = export(laptop, tmp_path / "all.xlsx", include_sensitive=True)

    sent = sheet_uuids(result.path, "feedback")
    assert sent == {by_group["uuid"], plain["uuid"]} and named["uuid"] not in sent
    assert result.left_out["feedback_consent"] == 1
    texts = b"".join(zipfile.ZipFile(result.path).read(n) for n in zipfile.ZipFile(result.path).namelist())
    assert NAME.encode() not in texts


def test_a_persons_own_consent_lets_their_named_quote_travel(laptop, tmp_path):
    c = consultation(laptop)
    give(laptop, c["uuid"], attribution="group")
    named = entry(laptop, c["uuid"], quote=QUOTE, attribution="named_with_consent", attributed_to=NAME)
    give(laptop, c["uuid"], subject=named["uuid"], attribution="name")

    result = export(laptop, tmp_path / "all.xlsx", include_sensitive=True)

    assert named["uuid"] in sheet_uuids(result.path, "feedback")
    assert result.left_out["feedback_consent"] == 0


def test_quotes_without_quote_consent_or_for_the_field_team_only_stay(laptop, tmp_path):
    c = consultation(laptop)
    give(laptop, c["uuid"], quotes=False)
    quoted = entry(laptop, c["uuid"], quote=QUOTE)
    c2 = consultation(laptop, title="Kep meeting")
    give(laptop, c2["uuid"], visibility="field_team")
    quoted2 = entry(laptop, c2["uuid"], quote=QUOTE + " too")
    summary = entry(laptop, c2["uuid"], code="KH3-05", comment="an anonymous summary")

    result = export(laptop, tmp_path / "out.xlsx")

    sent = sheet_uuids(result.path, "feedback")
    assert quoted["uuid"] not in sent and quoted2["uuid"] not in sent and summary["uuid"] in sent
    assert result.manifest["left_out_consent"] == 2


def test_consent_travels_signed_and_merges_idempotently(laptop, central, tmp_path):
    c = consultation(laptop)
    give(laptop, c["uuid"], attribution="organisation", photos=True, retain_until="2031-01-01")
    result = export(laptop, tmp_path / "first.xlsx")
    assert result.manifest["format_version"] == 3 and result.manifest["rows_consents"] == 1
    assert signing.verify(result.manifest["public_key"], result.manifest, result.manifest["signature"])

    first = merge_paths(central.database_path, [result.path], REFERENCE)[0]
    again = merge_paths(central.database_path, [result.path], REFERENCE)[0]

    assert first.status == MERGED, first.message
    held = consent_store.get(central.db, c["uuid"])
    assert held == Consent(c["uuid"], "", "written", "v2", True, "organisation", True, False, "central_office",
                           "2031-01-01")
    assert again.status != NEEDS_REVIEW
    assert central.db.execute("SELECT revision FROM consents").fetchall() == [(1,)]


def tamper_consents(path: Path, out: Path, column: int, value) -> Path:
    book = openpyxl.load_workbook(path)
    book["consents"].cell(row=3, column=column, value=value)
    book.save(out)
    return out


def test_a_consents_sheet_edited_after_export_is_caught_and_nothing_merged(laptop, central, tmp_path):
    c = consultation(laptop)
    give(laptop, c["uuid"], attribution="group")
    result = export(laptop, tmp_path / "first.xlsx")
    forged = tamper_consents(result.path, tmp_path / "forged.xlsx", 6, "name")  # attribution -> name

    outcome = merge_paths(central.database_path, [forged], REFERENCE)[0]

    assert outcome.status == NEEDS_REVIEW and "checksum" in outcome.message
    assert consent_store.get(central.db, c["uuid"]) is None


def test_a_consents_sheet_with_a_bad_value_is_refused_naming_sheet_and_row(laptop, central, tmp_path):
    c = consultation(laptop)
    give(laptop, c["uuid"])
    result = export(laptop, tmp_path / "first.xlsx")
    forged = tamper_consents(result.path, tmp_path / "forged.xlsx", 9, "everyone")  # visibility

    outcome = merge_paths(central.database_path, [forged], REFERENCE)[0]

    assert outcome.status not in (MERGED, NEEDS_REVIEW)
    assert "consents" in outcome.message and "row 3" in outcome.message and "visibility" in outcome.message
    assert central.db.execute("SELECT count(*) FROM consultations").fetchone()[0] == 0


def test_an_older_export_without_the_consents_sheet_merges_and_is_read_conservatively(laptop, central, tmp_path,
                                                                                      monkeypatch):
    """A format-2 file (an older laptop): no consents sheet, no extras digest in the signature."""
    from consultation_app.exchange import consent_export, workbook_format

    c = consultation(laptop, consent_policy="group_only")
    entry(laptop, c["uuid"], quote=QUOTE, attribution="by_group")
    monkeypatch.setattr(workbook_format, "FORMAT_VERSION", 2)
    monkeypatch.setattr("consultation_app.exchange.export.FORMAT_VERSION", 2)
    monkeypatch.setattr(consent_export.ConsentPart, "write_sheet", lambda self, workbook, formats: None)
    result = export(laptop, tmp_path / "old.xlsx")
    assert "consents" not in openpyxl.load_workbook(result.path).sheetnames

    outcome = merge_paths(central.database_path, [result.path], REFERENCE)[0]

    assert outcome.status == MERGED, outcome.message
    from consultation_app.exchange.consent_gate import ConsentGate

    gate = ConsentGate.load(central.db, "2026-12-05")
    row = {"uuid": "x", "consultation_uuid": c["uuid"]}
    assert gate.printed_attribution(row) == "group"  # no further than "attribution to groups only"
    assert not gate.governing(row).photos


def test_withdrawing_consent_wipes_what_it_covered_and_the_withdrawal_wins_at_the_office(laptop, central, tmp_path):
    c = consultation(laptop)
    give(laptop, c["uuid"], attribution="name")
    quoted = entry(laptop, c["uuid"], quote=QUOTE)
    named = entry(laptop, c["uuid"], code="KH3-02", comment="x", attribution="named_with_consent", attributed_to=NAME)
    summary = entry(laptop, c["uuid"], code="KH3-03", comment="an anonymous summary")
    first = export(laptop, tmp_path / "first.xlsx", include_sensitive=True)
    assert merge_paths(central.database_path, [first.path], REFERENCE)[0].status == MERGED

    done = consent_service.withdraw(laptop.records, c["uuid"])
    again = consent_service.withdraw(laptop.records, c["uuid"])

    assert done.entries_withdrawn == 2 and again.entries_withdrawn == 0
    for row in (quoted, named):
        assert laptop.records.is_withdrawn(FEEDBACK, row["uuid"])
    assert laptop.records.get(FEEDBACK, summary["uuid"])["comment"] == "an anonymous summary"
    assert consent_store.get(laptop.db, c["uuid"]).withdrawn
    with pytest.raises(AppError):
        give(laptop, c["uuid"], attribution="name")  # the form cannot quietly undo it
    assert consent_store.get(laptop.db, c["uuid"]).withdrawn

    second = export(laptop, tmp_path / "second.xlsx", since_last=True)
    outcome = merge_paths(central.database_path, [second.path], REFERENCE)[0]
    assert outcome.status in (MERGED, NEEDS_REVIEW), outcome.message
    assert consent_store.get(central.db, c["uuid"]).withdrawn
    words = central.db.execute("SELECT group_concat(quote || attributed_to) FROM feedback").fetchone()[0] or ""
    assert QUOTE not in words and NAME not in words


def test_withdrawing_one_persons_consent_wipes_only_their_entry(laptop):
    c = consultation(laptop)
    give(laptop, c["uuid"])
    theirs = entry(laptop, c["uuid"], quote=QUOTE)
    others = entry(laptop, c["uuid"], code="KH3-02", quote="another person's words")
    give(laptop, c["uuid"], subject=theirs["uuid"], attribution="name")

    done = consent_service.withdraw(laptop.records, c["uuid"], theirs["uuid"])

    assert done.entries_withdrawn == 1
    assert laptop.records.is_withdrawn(FEEDBACK, theirs["uuid"])
    assert laptop.records.get(FEEDBACK, others["uuid"])["quote"] == "another person's words"


def test_consent_for_an_unknown_consultation_or_entry_is_refused(laptop):
    with pytest.raises(AppError):
        give(laptop, "no-such-consultation")
    c = consultation(laptop)
    with pytest.raises(AppError):
        give(laptop, c["uuid"], subject="no-such-entry")
    with pytest.raises(AppError) as raised:
        give(laptop, c["uuid"], given="nodded")
    assert "given" in str(raised.value)


def test_a_device_reopened_keeps_consent(tmp_path):
    ws = open_device(tmp_path / "laptop")
    c = consultation(ws)
    give(ws, c["uuid"], photos=True)
    ws.close()
    ws = open_device(tmp_path / "laptop")
    try:
        assert consent_store.get(ws.db, c["uuid"]).photos
    finally:
        ws.close()


def run_cli(capsys, data_dir, *args):
    from consultation_app.cli.main import main as cli_main

    code = cli_main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_records_shows_and_withdraws_consent_per_person(workspace, data_dir, capsys):
    import json

    c = consultation(workspace)
    quoted = entry(workspace, c["uuid"], quote=QUOTE, attributed_to=NAME)
    code, out, err = run_cli(capsys, data_dir, "consent", "set", "--consultation", c["uuid"], "--given", "verbal",
                             "--quotes", "--attribution", "group", "--visibility", "central_office")
    assert code == 0, err
    code, out, err = run_cli(capsys, data_dir, "consent", "set", "--consultation", c["uuid"], "--person",
                             quoted["uuid"], "--given", "written", "--quotes", "--attribution", "name",
                             "--text-version", "form v2", "--keep-until", "2030-06-30")
    assert code == 0, err
    code, out, err = run_cli(capsys, data_dir, "consent", "show", "--consultation", c["uuid"], "--json")
    rows = {row["subject"]: row for row in json.loads(out)}
    assert rows[""]["attribution"] == "group" and rows[quoted["uuid"]]["attribution"] == "name"
    assert rows[quoted["uuid"]]["retain_until"] == "2030-06-30"

    code, out, err = run_cli(capsys, data_dir, "consent", "set", "--consultation", c["uuid"], "--given", "verbal",
                             "--keep-until", "someday")
    assert code == 1 and "retain_until" in err and len(err.strip().splitlines()) == 1

    code, out, err = run_cli(capsys, data_dir, "consent", "withdraw", "--consultation", c["uuid"], "--person",
                             quoted["uuid"], "--json")
    assert code == 0 and json.loads(out)["entries_withdrawn"] == 1
    assert workspace.records.is_withdrawn(FEEDBACK, quoted["uuid"])
