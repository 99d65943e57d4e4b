"""The sync-ready model: revisions, tombstones, content hashes, history, rules."""

import unicodedata

import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, ValidationError, content_hash
from consultation_app.domain.text import MAX_TEXT_LENGTH
from consultation_app.storage.errors import RecordLockedError


def make_consultation(ws, **values):
    base = {"title": "Ratanakiri indigenous consultation", "stakeholder_group": "indigenous_communities",
            "province": "ratanakiri", "start_date": "2024-03-05", "participants_women": 12,
            "participants_men": 9, "participants_indigenous": 21}
    base.update(values)
    return ws.records.create(CONSULTATION, base)


def test_new_record_carries_sync_fields(workspace):
    row = make_consultation(workspace)
    assert len(row["uuid"]) == 36
    assert row["device_id"] == workspace.device_id
    assert row["revision"] == 1
    assert row["created_at"].endswith("Z") and row["updated_at"] == row["created_at"]
    assert row["deleted"] is False
    assert row["content_hash"] == content_hash(CONSULTATION, row, False)


def test_each_change_bumps_revision_and_hash(workspace):
    row = make_consultation(workspace)
    second = workspace.records.update(CONSULTATION, row["uuid"], {"venue": "Commune hall"})
    third = workspace.records.update(CONSULTATION, row["uuid"], {"venue": "Pagoda"})
    assert [row["revision"], second["revision"], third["revision"]] == [1, 2, 3]
    assert len({row["content_hash"], second["content_hash"], third["content_hash"]}) == 3
    assert second["local_seq"] < third["local_seq"]
    same = workspace.records.update(CONSULTATION, row["uuid"], {"venue": "Pagoda"})
    assert same["revision"] == 3, "an edit that changes nothing makes no revision"
    history = workspace.records.history(CONSULTATION, row["uuid"])
    assert [(h["revision"], h["action"]) for h in history] == [(1, "create"), (2, "update"), (3, "update")]
    assert all(h["device_id"] == workspace.device_id for h in history)


def test_delete_leaves_a_tombstone_and_restore_brings_it_back(workspace):
    consultation = make_consultation(workspace)
    fb = workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"],
                                             "recommendation_code": "KH3-30", "comment": "Water is scarce"})
    tomb = workspace.records.delete(FEEDBACK, fb["uuid"])
    assert tomb["deleted"] is True and tomb["revision"] == 2
    assert tomb["comment"] == "Water is scarce", "soft delete keeps the content for undo"
    assert workspace.records.get(FEEDBACK, fb["uuid"]) is None
    assert workspace.records.get(FEEDBACK, fb["uuid"], include_deleted=True)["deleted"] is True
    assert workspace.records.query(FEEDBACK) == []
    back = workspace.records.restore(FEEDBACK, fb["uuid"])
    assert back["deleted"] is False and back["revision"] == 3
    assert tomb["content_hash"] not in (fb["content_hash"], back["content_hash"])
    assert back["content_hash"] == fb["content_hash"]


def test_participant_counts_must_add_up(workspace):
    with pytest.raises(ValidationError) as error:
        make_consultation(workspace, participants_women=2, participants_men=1, participants_youth=4)
    assert "participants_youth" in error.value.problems
    with pytest.raises(ValidationError) as error:
        make_consultation(workspace, participants_women=-1)
    assert "negative" in error.value.problems["participants_women"]
    with pytest.raises(ValidationError):
        make_consultation(workspace, start_date="2024-03-05", end_date="2024-03-01")


def test_enumerations_and_unknown_fields_are_refused(workspace):
    with pytest.raises(ValidationError) as error:
        make_consultation(workspace, province="atlantis", colour="red")
    assert set(error.value.problems) == {"province", "colour"}


def test_text_is_nfc_and_never_longer_than_an_excel_cell(workspace):
    consultation = make_consultation(workspace)
    decomposed = unicodedata.normalize("NFD", "Café ក្រុមប្រឹក្សា")
    fb = workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"],
                                             "recommendation_code": "KH3-01", "comment": decomposed + "\x00"})
    assert fb["comment"] == unicodedata.normalize("NFC", "Café ក្រុមប្រឹក្សា")
    with pytest.raises(ValidationError, match="limit"):
        workspace.records.update(FEEDBACK, fb["uuid"], {"comment": "x" * (MAX_TEXT_LENGTH + 1)})


def test_final_consultation_is_locked_until_reopened(workspace):
    consultation = make_consultation(workspace)
    fb = workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"],
                                             "recommendation_code": "KH3-01"})
    workspace.records.update(CONSULTATION, consultation["uuid"], {"status": "final"})
    with pytest.raises(RecordLockedError):
        workspace.records.update(CONSULTATION, consultation["uuid"], {"venue": "elsewhere"})
    with pytest.raises(RecordLockedError):
        workspace.records.update(FEEDBACK, fb["uuid"], {"comment": "late edit"})
    with pytest.raises(RecordLockedError):
        workspace.records.create(NOTE, {"consultation_uuid": consultation["uuid"], "text": "late"})
    workspace.records.update(CONSULTATION, consultation["uuid"], {"status": "draft"})
    assert workspace.records.update(FEEDBACK, fb["uuid"], {"comment": "now fine"})["revision"] == 2


def test_finalising_needs_the_essentials(workspace):
    row = workspace.records.create(CONSULTATION, {"title": "empty draft"})
    with pytest.raises(ValidationError) as error:
        workspace.records.update(CONSULTATION, row["uuid"], {"status": "final"})
    assert {"stakeholder_group", "province", "start_date"} <= set(error.value.problems)


def test_languages_round_trip_as_a_list(workspace):
    row = make_consultation(workspace, languages="km, bunong")
    assert row["languages"] == ("km", "bunong")
    with pytest.raises(ValidationError):
        make_consultation(workspace, languages=["klingon"])


def test_content_hash_ignores_sync_metadata(workspace):
    a = make_consultation(workspace)
    b = make_consultation(workspace)
    assert a["uuid"] != b["uuid"]
    assert a["content_hash"] == b["content_hash"]
