"""Consent in what the office prints: reports and the matrix print a quote only when its
consent lets it reach the public, and cite it no further than consent allows."""

from __future__ import annotations

import openpyxl
import pytest

from consultation_app.exchange.matrix import write_matrix
from consultation_app.exchange.report import write_report
from consultation_app.services import consent as consent_service
from tests.test_dashboard import LAND_QUOTE, build_fixture

TITLE = "Banlung civil society"  # consultation c4, where the land quote was said


@pytest.fixture
def central(workspace):
    return workspace, build_fixture(workspace)


def give(ws, c_uuid, subject="", **scope):
    values = {"consultation_uuid": c_uuid, "subject": subject, "given": "verbal", "quotes": True,
              "attribution": "organisation", "visibility": "public", **scope}
    return consent_service.record(ws.records, values)


def strings(path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
                     if cell is not None)


def report_and_matrix(ws, tmp_path) -> tuple[str, str]:
    write_report(ws.database_path, tmp_path / "report.xlsx", ws.reference)
    write_matrix(ws.database_path, tmp_path / "matrix.xlsx", ws.reference)
    return strings(tmp_path / "report.xlsx"), strings(tmp_path / "matrix.xlsx")


def test_with_public_consent_the_quote_is_printed_with_its_title(central, tmp_path):
    ws, ids = central
    give(ws, ids["c4"])
    for text in report_and_matrix(ws, tmp_path):
        assert LAND_QUOTE in text and TITLE in text


@pytest.mark.parametrize("scope", [{"visibility": "central_office"}, {"visibility": "field_team"},
                                   {"quotes": False}, {"given": "none"}, {"retain_until": "2020-01-01"}])
def test_a_quote_whose_consent_does_not_reach_the_public_is_never_printed(central, tmp_path, scope):
    ws, ids = central
    give(ws, ids["c4"], **scope)
    for text in report_and_matrix(ws, tmp_path):
        assert LAND_QUOTE not in text


@pytest.mark.parametrize("attribution,cited,not_cited", [
    ("none", ["Ratanakiri"], [TITLE, "Civil society"]),
    ("group", ["Civil society", "Ratanakiri"], [TITLE]),
])
def test_a_printed_quote_is_attributed_no_further_than_consent(central, tmp_path, attribution, cited, not_cited):
    ws, ids = central
    give(ws, ids["c4"], attribution=attribution)
    for text in report_and_matrix(ws, tmp_path):
        line = next(line for line in text.splitlines() if LAND_QUOTE in line)
        for part in cited:
            assert part in line
        for part in not_cited:
            assert part not in line
        assert TITLE not in text


def test_a_persons_own_consent_overrides_the_consultations(central, tmp_path):
    ws, ids = central
    give(ws, ids["c4"])
    give(ws, ids["c4"], subject=ids["f12"], visibility="central_office")  # the speaker: not for the public
    for text in report_and_matrix(ws, tmp_path):
        assert LAND_QUOTE not in text


def test_withdrawn_consent_takes_the_quote_out_of_every_report(central, tmp_path):
    ws, ids = central
    give(ws, ids["c4"])
    consent_service.withdraw(ws.records, ids["c4"])
    for text in report_and_matrix(ws, tmp_path):
        assert LAND_QUOTE not in text


def test_the_master_export_leaves_out_an_entry_beyond_its_recorded_consent(central, tmp_path):
    from consultation_app.exchange.master_export import write_master_export
    from tests.test_dashboard import NAMED_PERSON

    ws, ids = central
    write_master_export(ws.database_path, tmp_path / "before.xlsx", ws.reference)
    assert NAMED_PERSON in strings(tmp_path / "before.xlsx")  # the old policy field: as before

    give(ws, ids["c4"], attribution="group")
    result = write_master_export(ws.database_path, tmp_path / "after.xlsx", ws.reference)

    assert NAMED_PERSON not in strings(tmp_path / "after.xlsx")
    assert result.counts["feedback"] == len(openpyxl.load_workbook(tmp_path / "before.xlsx")["feedback"]["A"]) - 3
