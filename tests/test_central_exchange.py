"""Implementation records merging between central copies (issue 20): a signed central exchange
file carries every revision and the institutions; merging it applies revisions by id, keeps
concurrent changes as conflicts, and refuses forged, unsigned, edited, replayed-as-newer files
and anything a field laptop says about implementation, changing nothing stored."""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from consultation_app.cli.main import main
from consultation_app.domain import implementation_exchange as rules
from consultation_app.domain.implementation import record_uuid
from consultation_app.domain.signing import new_private_key, public_key_b64
from consultation_app.exchange.central_exchange import REVISIONS_SHEET
from consultation_app.exchange.central_exchange_write import write_central_exchange
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import merge_paths
from consultation_app.paths import DATABASE_NAME
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import implementation_revisions
from consultation_app.storage import implementation_store as store
from tests.conftest import dump, edit_copy, open_device, query
from tests.test_dashboard import CATALOG

REFERENCE = default_reference()
MOI = ("moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")


def record(ws, code, officer="Sokha", **changes):
    return store.record(ws.db, ws.device_id, officer, CATALOG, code, changes)


def merge(ws, *paths, **options):
    return list(merge_paths(ws.database_path, list(paths), REFERENCE, **options))


def revisions(db_path) -> set[tuple]:
    return set(query(db_path, "SELECT revision_id, record_uuid, origin, parents, seq, status, measures, institutions "
                              "FROM implementation_revisions"))


def current(db_path, code="KH3-44") -> tuple | None:
    rows = query(db_path, "SELECT status, measures, revision, head_revision FROM implementation_status "
                          "WHERE recommendation_code = ?", [code])
    return rows[0] if rows else None


def manifest_cells(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    try:
        return {row[0].value: row[1].value for row in book["manifest"].iter_rows() if row[0].value}
    finally:
        book.close()


def _resign(source: Path, target: Path, private_key: bytes, change=None, **manifest) -> Path:
    """An attacker's copy: cells changed, the checksum recomputed and the manifest signed again."""
    from consultation_app.exchange.central_exchange import content_sha256, read_central_exchange
    from consultation_app.exchange.safety import open_checked
    from consultation_app.exchange.workbook_reader import _sheet_rows, read_manifest

    def edit(book):
        if change:
            change(book)
    edit_copy(source, target, edit)
    workbook = open_checked(target)
    values = read_manifest(target, _sheet_rows(target, workbook, "manifest"))
    values.update(manifest)
    try:
        package = read_central_exchange(target, workbook, values)
        values["content_sha256"] = content_sha256(package.revisions, package.institutions)
    except Exception:  # rows refused: keep the checksum, the merge refuses the rows anyway
        pass
    values["public_key"] = public_key_b64(private_key)
    values["signature"] = rules.sign(private_key, values)

    def sign(book):
        for row in book["manifest"].iter_rows():
            if row[0].value in values:
                row[1].value = values[row[0].value]
    return edit_copy(target, target, sign)


def set_revision_cell(column: str, value, row: int = 3):
    def change(book):
        sheet = book[REVISIONS_SHEET]
        keys = [cell.value for cell in sheet[2]]
        sheet.cell(row, keys.index(column) + 1).value = value
    return change


def two_copies(open_ws):
    a, b = open_ws("office-a", "Phnom Penh office"), open_ws("office-b", "Regional office")
    store.put_institution(a.db, *MOI)
    return a, b


# -- it travels, with its history, once ---------------------------------------------------------------

def test_records_travel_with_history_and_institutions_and_merge_once(open_ws, tmp_path, capsys):
    a, b = two_copies(open_ws)
    record(a, "KH3-44", "Sokha", status="not_started", institutions=["moi"])
    record(a, "KH3-44", "Dara", status="ongoing", measures="Draft law tabled", indicator="Law adopted",
           indicator_due="2027-06-30")
    code = main(["--data-dir", str(a.database_path.parent), "implementation", "export", "--out",
                 str(tmp_path / "a.xlsx"), "--json"])
    written = json.loads(capsys.readouterr().out)
    assert code == 0 and written["revisions"] == 2 and written["institutions"] == 1
    [result] = merge(b, tmp_path / "a.xlsx")
    assert result.status == "merged", result.message
    assert result.counts["new"] == 2 and result.counts["updated"] == 1
    history = store.history(b.db, CATALOG, "KH3-44")
    assert [(h["revision"], h["officer"], h["status"], h["origin"]) for h in history] == [
        (1, "Sokha", "not_started", a.device_id), (2, "Dara", "ongoing", a.device_id)]
    assert store.get(b.db, CATALOG, "KH3-44")["indicator_due"] == "2027-06-30"
    assert store.institution(b.db, "moi")["name_km"] == "ក្រសួងមហាផ្ទៃ"
    assert revisions(b.database_path) == revisions(a.database_path)
    before = dump(b.database_path)
    [again] = merge(b, tmp_path / "a.xlsx")
    assert again.status == "already_merged"
    write_central_exchange(a.database_path, tmp_path / "a-again.xlsx")  # the same records, a new file
    [other] = merge(b, tmp_path / "a-again.xlsx")
    assert other.status == "merged" and other.counts["new"] == 0 and other.counts["updated"] == 0
    after = dump(b.database_path)
    assert {t: after[t] for t in ("implementation_revisions", "implementation_status", "institutions",
                                  "merge_conflicts")} == \
        {t: before[t] for t in ("implementation_revisions", "implementation_status", "institutions",
                                "merge_conflicts")}
    # And back: A learns nothing new from B's copy of its own history.
    write_central_exchange(b.database_path, tmp_path / "b.xlsx")
    [back] = merge(a, tmp_path / "b.xlsx")
    assert back.status == "merged" and back.counts["new"] == 0 and back.counts["updated"] == 0


def test_concurrent_changes_are_a_conflict_and_a_decision_settles_it_everywhere(open_ws, tmp_path, capsys):
    a, b = two_copies(open_ws)
    record(a, "KH3-44", status="not_started")
    write_central_exchange(a.database_path, tmp_path / "a1.xlsx")
    assert merge(b, tmp_path / "a1.xlsx")[0].status == "merged"
    record(a, "KH3-44", "Sokha", status="ongoing", measures="Ministry circular issued")
    record(b, "KH3-44", "Vanna", status="completed", measures="Law adopted")
    write_central_exchange(a.database_path, tmp_path / "a2.xlsx")
    write_central_exchange(b.database_path, tmp_path / "b2.xlsx")
    [into_b] = merge(b, tmp_path / "a2.xlsx")
    [into_a] = merge(a, tmp_path / "b2.xlsx")
    assert into_b.status == into_a.status == "needs_review" and into_b.counts["conflicts"] == 1
    assert current(b.database_path)[:2] == ("completed", "Law adopted")  # not overwritten
    assert current(a.database_path)[:2] == ("ongoing", "Ministry circular issued")
    assert revisions(a.database_path) == revisions(b.database_path)
    code = main(["--data-dir", str(b.database_path.parent), "conflicts", "list", "--json"])
    [conflict] = json.loads(capsys.readouterr().out)["conflicts"]
    assert code == 0 and conflict["record_table"] == "implementation_status"
    assert {f["field"]: (f["current"], f["incoming"]) for f in conflict["fields"]}["status"] == ("completed",
                                                                                               "ongoing")
    assert main(["--data-dir", str(b.database_path.parent), "conflicts", "decide", str(conflict["id"]),
                 "--take", "incoming"]) == 0
    capsys.readouterr()
    assert current(b.database_path)[:3] == ("ongoing", "Ministry circular issued", 3)
    write_central_exchange(b.database_path, tmp_path / "b3.xlsx")
    [settled] = merge(a, tmp_path / "b3.xlsx")
    assert settled.status == "merged" and settled.counts["conflicts"] == 0, settled.message
    assert current(a.database_path) == current(b.database_path)
    assert query(a.database_path, "SELECT count(*) FROM merge_conflicts WHERE resolved_at IS NULL") == [(0,)]
    assert [h["revision"] for h in store.history(a.db, CATALOG, "KH3-44")] == [1, 2, 2, 3]


# -- attacks: nothing stored changes ----------------------------------------------------------------------

def _refused(ws, path, status="rejected", **options):
    before = dump(ws.database_path)
    [result] = merge(ws, path, **options)
    assert result.status == status, result.message
    assert dump(ws.database_path) == before
    return result.message


def test_unsigned_forged_and_resigned_files_are_refused(open_ws, tmp_path, capsys):
    a, b = two_copies(open_ws)
    record(a, "KH3-44", status="ongoing", institutions=["moi"])
    write_central_exchange(a.database_path, tmp_path / "a.xlsx")
    assert merge(b, tmp_path / "a.xlsx")[0].status == "merged"
    record(a, "KH3-44", status="completed")
    good = write_central_exchange(a.database_path, tmp_path / "a2.xlsx").path

    def manifest(**values):
        def change(book):
            for row in book["manifest"].iter_rows():
                if row[0].value in values:
                    row[1].value = values[row[0].value]
        return change
    unsigned = edit_copy(good, tmp_path / "unsigned.xlsx", manifest(signature=""))
    assert "not signed" in _refused(b, unsigned)
    other = manifest_cells(tmp_path / "a.xlsx")["signature"]  # a real signature, of another file
    forged = edit_copy(good, tmp_path / "forged.xlsx", manifest(signature=other))
    assert "signature does not match" in _refused(b, forged)
    # An attacker's own key claiming to be office A: the key on record for A differs.
    stranger = _resign(good, tmp_path / "stranger.xlsx", new_private_key())
    assert "signing key changed" in _refused(b, stranger, status="needs_review")
    code = main(["--data-dir", str(b.database_path.parent), "merge", str(forged), "--json"])
    assert code == 1 and json.loads(capsys.readouterr().out)["files"][0]["status"] == "rejected"
    # A field export's signature does not stand for a central exchange (another context).
    laptop = open_ws("laptop", "Kampot 1")
    field = export_package(laptop.database_path, tmp_path / "field.xlsx", REFERENCE)
    borrowed = edit_copy(good, tmp_path / "borrowed.xlsx", manifest(signature=field.manifest["signature"],
                                                                   public_key=field.manifest["public_key"]))
    assert "signature does not match" in _refused(b, borrowed)
    # Posing as the receiving copy itself.
    mirror = _resign(good, tmp_path / "mirror.xlsx", new_private_key(), device_id=b.device_id)
    assert "claims to be written by this central copy" in _refused(b, mirror)
    own = write_central_exchange(b.database_path, tmp_path / "own.xlsx").path
    assert merge(b, own)[0].status == "already_merged"
    # A new key for office A, accepted as for a reinstalled laptop: merged, and the key replaced.
    [accepted] = merge(b, stranger, accept_new_key=True)
    assert accepted.status == "merged" and "signing key changed (--accept-new-key)" in accepted.warnings[0]
    assert query(b.database_path, "SELECT public_key FROM devices WHERE device_id = ?", [a.device_id]) == [
        (manifest_cells(stranger)["public_key"],)]


def test_a_field_laptop_cannot_say_implementation_records(open_ws, tmp_path):
    a, b = two_copies(open_ws)
    laptop = open_ws("laptop", "Kampot 1")
    export_package(laptop.database_path, tmp_path / "field.xlsx", REFERENCE)
    assert merge(b, tmp_path / "field.xlsx")[0].status == "merged"  # B knows the laptop now
    # The laptop writes a central exchange of its own (the app's code, its real key).
    record(laptop, "KH3-44", status="completed", measures="All done")
    write_central_exchange(laptop.database_path, tmp_path / "laptop-central.xlsx")
    assert "field laptop" in _refused(b, tmp_path / "laptop-central.xlsx")
    # ... or under a device id of its own making, still with its key.
    key = query(laptop.database_path, "SELECT value FROM settings WHERE key = 'signing_private_key'")[0][0]
    renamed = _resign(tmp_path / "laptop-central.xlsx", tmp_path / "renamed.xlsx", base64.b64decode(key),
                      device_id="11111111-2222-3333-4444-555555555555")
    assert "key of field laptop" in _refused(b, renamed)
    # A field export carrying implementation sheets is refused, naming the sheet.
    record(a, "KH3-44", status="ongoing")
    write_central_exchange(a.database_path, tmp_path / "a.xlsx")

    def add_sheet(book):
        source = openpyxl.load_workbook(tmp_path / "a.xlsx")
        sheet = book.create_sheet(REVISIONS_SHEET)
        for row in source[REVISIONS_SHEET].iter_rows(values_only=True):
            sheet.append(row)
        source.close()
    smuggled = edit_copy(tmp_path / "field.xlsx", tmp_path / "smuggled.xlsx", add_sheet)
    message = _refused(b, smuggled)
    assert "sheet 'implementation_revisions'" in message and "only central copies" in message


def test_a_record_edited_in_excel_is_refused_naming_row_and_column(open_ws, tmp_path):
    a, b = two_copies(open_ws)
    record(a, "KH3-44", status="ongoing", measures="Circular issued")
    good = write_central_exchange(a.database_path, tmp_path / "a.xlsx").path
    edited = edit_copy(good, tmp_path / "edited.xlsx", set_revision_cell("status", "completed"))
    message = _refused(b, edited)
    assert "edited.xlsx, sheet 'implementation_revisions', row 3, column" in message
    assert "changed after the file was written" in message
    measures = edit_copy(good, tmp_path / "measures.xlsx", set_revision_cell("measures", "Nothing was done"))
    assert "row 3, column" in _refused(b, measures)

    def rename(book):
        sheet = book["institutions"]
        keys = [cell.value for cell in sheet[2]]
        sheet.cell(3, keys.index("name") + 1).value = "Ministry of Magic"
    assert "checksum does not match" in _refused(b, edit_copy(good, tmp_path / "inst.xlsx", rename))
    assert merge(b, good)[0].status == "merged"  # the untouched file still merges


def test_a_replayed_revision_changes_nothing_and_cannot_pose_as_newer(open_ws, tmp_path):
    a, b = two_copies(open_ws)
    record(a, "KH3-44", status="not_started")
    old = write_central_exchange(a.database_path, tmp_path / "old.xlsx").path
    record(a, "KH3-44", status="completed", measures="Law adopted")
    new = write_central_exchange(a.database_path, tmp_path / "new.xlsx").path
    assert merge(b, new)[0].status == "merged"
    held = current(b.database_path)
    [replayed] = merge(b, old)  # an older file arriving late: its revision is known history
    assert replayed.status == "merged" and replayed.counts["new"] == 0 and replayed.counts["updated"] == 0
    assert current(b.database_path) == held
    # The old revision claiming to be revision 9, signed with A's stolen key: its id no longer fits.
    key = query(a.database_path, "SELECT value FROM settings WHERE key = 'signing_private_key'")[0][0]
    bumped = _resign(old, tmp_path / "bumped.xlsx", base64.b64decode(key), set_revision_cell("seq", 9))
    assert "column C (seq)" in _refused(b, bumped) or "revision_id" in _refused(b, bumped)
    assert current(b.database_path) == held


# -- convergence ------------------------------------------------------------------------------------------

def state(db_path) -> dict:
    """What every copy must agree on: the revisions, each record's heads, the content of each
    settled record (its heads all say the same), the institutions. And what must hold in each:
    every head says what is shown, or what a conflict waiting for review says."""
    revs = revisions(db_path)
    parents_of = {rid: json.loads(parents) for rid, _, _, parents, *_ in revs}
    by_record: dict[str, set] = {}
    for rid, uuid, *_ in revs:
        by_record.setdefault(uuid, set()).add(rid)
    heads = {uuid: frozenset(rules.heads({rid: parents_of[rid] for rid in ids})) for uuid, ids in by_record.items()}
    digest = dict(query(db_path, "SELECT revision_id, content_hash FROM implementation_revisions"))
    shown = dict(query(db_path, "SELECT uuid, content_hash FROM implementation_status"))
    waiting: dict[str, set] = {}
    for uuid, incoming in query(db_path, "SELECT record_uuid, incoming_hash FROM merge_conflicts "
                                         "WHERE resolved_at IS NULL AND record_table = 'implementation_status'"):
        waiting.setdefault(uuid, set()).add(incoming)
    contents = {uuid: {digest[rid] for rid in ids} for uuid, ids in heads.items()}
    for uuid, said in contents.items():
        assert said == {shown[uuid]} | waiting.get(uuid, set()), (uuid, said, shown[uuid], waiting.get(uuid))
        assert shown[uuid] not in waiting.get(uuid, set())
    return {"revisions": revs, "heads": heads,
            "settled": {uuid: next(iter(said)) for uuid, said in contents.items() if len(said) == 1},
            "institutions": set(query(db_path, "SELECT key, name, retired, updated_at FROM institutions"))}


STEP = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 2), st.integers(0, 2), st.sampled_from(["not_started", "ongoing",
                                                                                       "completed"]),
              st.sampled_from(["", "Circular", "Law", "ច្បាប់"])),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("institution"), st.integers(0, 2), st.sampled_from(["Ministry A", "Ministry B"])),
)


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=3, max_size=9), data=st.data())
def test_central_copies_converge_whatever_the_order_and_nothing_is_doubled(steps, data):
    with tempfile.TemporaryDirectory(prefix="central-property-") as scratch:
        folder = Path(scratch)
        copies = [open_device(folder / f"copy-{n}", f"office {n}") for n in range(3)]
        files: list[Path] = []
        try:
            for step in steps:
                if step[0] == "set":
                    record(copies[step[1]], f"KH3-{step[2] + 1:02d}", "Officer", status=step[3], measures=step[4])
                elif step[0] == "institution":
                    store.put_institution(copies[step[1]].db, "moi", step[2])
                else:
                    path = folder / f"file-{len(files)}.xlsx"
                    write_central_exchange(copies[step[1]].database_path, path)
                    files.append(path)
                    if step[1] != step[2]:
                        merge(copies[step[2]], path)
            for n, ws in enumerate(copies):
                files.append(write_central_exchange(ws.database_path, folder / f"final-{n}.xlsx").path)
            union = set().union(*(revisions(ws.database_path) for ws in copies))
        finally:
            for ws in copies:
                ws.close()
        orders = [files, list(reversed(files)), data.draw(st.permutations(files), label="order")]
        states = []
        for number, order in enumerate(orders):
            office = open_device(folder / f"office-{number}")
            try:
                results = merge(office, *order) + merge(office, *order)  # twice: never doubled
            finally:
                office.close()
            assert all(r.status in ("merged", "needs_review", "already_merged") for r in results), \
                [(r.path, r.status, r.message) for r in results]
            states.append(state(folder / f"office-{number}" / DATABASE_NAME))
        event(f"records in conflict: {sum(len(ids) > 1 for ids in states[0]['heads'].values())}")
        event(f"records settled: {len(states[0]['settled'])}")
        assert states[0]["revisions"] == union  # every revision once, as each copy made it
        assert all(s == states[0] for s in states[1:]), "the merge order changed the result"
        # Merged into a copy that made some of them, they add up to the same history.
        final = open_device(folder / "copy-0")
        try:
            merge(final, *files)
        finally:
            final.close()
        assert revisions(folder / "copy-0" / DATABASE_NAME) == union



def test_the_review_window_shows_and_decides_a_conflict_between_central_copies(qtbot, open_ws, tmp_path):
    from consultation_app.ui.conflicts_dialog import ConflictsDialog

    a, b = two_copies(open_ws)
    record(a, "KH3-44", status="not_started")
    write_central_exchange(a.database_path, tmp_path / "a1.xlsx")
    merge(b, tmp_path / "a1.xlsx")
    record(a, "KH3-44", status="ongoing", measures="Circular issued")
    record(b, "KH3-44", status="completed")
    write_central_exchange(a.database_path, tmp_path / "a2.xlsx")
    assert merge(b, tmp_path / "a2.xlsx")[0].status == "needs_review"
    dialog = ConflictsDialog(b)
    qtbot.addWidget(dialog)
    text = dialog.heading.text()
    assert f"Implementation status “{CATALOG} KH3-44”" in text and "came from Phnom Penh office" in text
    assert dialog.is_highlighted("status") and dialog.is_highlighted("measures")
    shown = {dialog.fields.item(row, 0).text(): dialog.fields.item(row, 2).text()
             for row in range(dialog.fields.rowCount())}
    assert shown["Status"] == "Ongoing" and shown["Measures taken"] == "Circular issued"
    dialog.resolve(take_incoming=True)
    assert current(b.database_path)[:2] == ("ongoing", "Circular issued")
    assert query(b.database_path, "SELECT count(*) FROM merge_conflicts WHERE resolved_at IS NULL") == [(0,)]


def test_history_kept_before_the_exchange_step_becomes_revisions(tmp_path):
    """m_implementation_exchange_v1: each record's line of revisions, each based on the one before."""
    from consultation_app.storage.connection import apply_steps, connect, open_database

    path = tmp_path / "old.sqlite3"
    old = connect(path)
    apply_steps(old, stop_before="m_implementation_exchange_v1")
    uuid = record_uuid(CATALOG, "KH3-44")
    old.execute("INSERT INTO implementation_status (uuid, device_id, revision, created_at, updated_at, deleted, "
                "content_hash, local_seq, catalog_id, recommendation_code, status, measures, institutions) "
                "VALUES (?, 'office', 2, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 0, 'h2', 5, ?, 'KH3-44', "
                "'ongoing', 'Law tabled', '[\"moi\"]')", [uuid, CATALOG])
    for revision, status, measures, when in ((1, "not_started", "", "2026-01-01"), (2, "ongoing", "Law tabled",
                                                                                   "2026-02-01")):
        old.execute("INSERT INTO implementation_history (record_uuid, revision, changed_at, officer, device_id, "
                    "status, measures, institutions) VALUES (?, ?, ?, 'Sokha', 'office', ?, ?, '[\"moi\"]')",
                    [uuid, revision, f"{when}T00:00:00Z", status, measures])
    old.conn.close()
    db = open_database(path)
    try:
        rows = db.execute("SELECT revision_id, seq, parents, status, officer, origin FROM implementation_revisions "
                          "ORDER BY seq").fetchall()
        assert [(seq, status, officer, origin) for _, seq, _, status, officer, origin in rows] == [
            (1, "not_started", "Sokha", "office"), (2, "ongoing", "Sokha", "office")]
        assert json.loads(rows[0][2]) == [] and json.loads(rows[1][2]) == [rows[0][0]]
        held = implementation_revisions.of_record(db, uuid)
        assert all(rules.revision_id(held[rid]) == rid for rid, *_ in rows)  # ids made as every copy makes them
        assert db.execute("SELECT head_revision FROM implementation_status").fetchone()[0] == rows[1][0]
    finally:
        db.conn.close()


def test_the_same_change_made_in_two_copies_is_no_conflict(open_ws, tmp_path):
    a, b = two_copies(open_ws)
    c = open_ws("office-c", "Siem Reap office")
    record(a, "KH3-44", status="not_started")
    write_central_exchange(a.database_path, tmp_path / "base.xlsx")
    merge(b, tmp_path / "base.xlsx")
    merge(c, tmp_path / "base.xlsx")
    record(a, "KH3-44", "Sokha", status="completed", measures="Law adopted")  # the same news, in two offices
    record(b, "KH3-44", "Vanna", status="completed", measures="Law adopted")
    record(c, "KH3-44", "Dara", status="ongoing", measures="Law tabled")
    files = [write_central_exchange(ws.database_path, tmp_path / f"{name}.xlsx").path
             for name, ws in (("a", a), ("b", b), ("c", c))]
    into_a = merge(a, files[1])
    assert into_a[0].status == "merged" and into_a[0].counts["conflicts"] == 0, into_a[0].message
    for order in (files, files[::-1], [files[2], files[0], files[1]]):
        office = open_device(tmp_path / f"office-{len(list(tmp_path.glob('office-*')))}")
        try:
            merge(office, *order)
            waiting = query(office.database_path, "SELECT incoming FROM merge_conflicts WHERE resolved_at IS NULL")
            held = current(office.database_path)
            state(office.database_path)  # every head is the current version or waits for review
        finally:
            office.close()
        # One decision to make: "completed" (two offices) against "ongoing" (one), whichever is held.
        assert len(waiting) == 1
        assert {held[0], json.loads(waiting[0][0])["status"]} == {"completed", "ongoing"}


def test_institutions_merge_by_key_to_the_latest_change_in_any_order(open_ws, tmp_path):
    copies = [open_ws(f"copy-{n}", f"office {n}") for n in range(3)]
    for ws, name in zip(copies, ("Ministry A", "Ministry B", "Ministry A")):  # the last change says A again
        store.put_institution(ws.db, "moi", name)
    files = [write_central_exchange(ws.database_path, tmp_path / f"{n}.xlsx").path for n, ws in enumerate(copies)]
    held = []
    for n, order in enumerate((files, files[::-1], [files[0], files[2], files[1]])):
        office = open_ws(f"office-{n}")
        merge(office, *order)
        held.append(query(office.database_path, "SELECT key, name, updated_at FROM institutions"))
    versions = [query(ws.database_path, "SELECT key, name, updated_at FROM institutions")[0] for ws in copies]
    latest = max(versions, key=lambda version: (version[2], version[1]))  # a tie in time: the larger values
    assert held == [[latest]] * 3


def test_a_file_resaved_by_libreoffice_still_merges(open_ws, tmp_path):
    from tests.office import libreoffice_resave

    a, b = two_copies(open_ws)
    record(a, "KH3-44", status="ongoing", institutions=["moi"], measures="=SUM(A1) ច្បាប់ត្រូវបានអនុម័ត",
           indicator="30 titles", indicator_due="2027-06-30")
    record(a, "KH3-45", status="completed")
    good = write_central_exchange(a.database_path, tmp_path / "a.xlsx").path
    resaved = libreoffice_resave(good, tmp_path / "resaved", tmp_path / "profile")
    [result] = merge(b, resaved)
    assert result.status == "merged", result.message
    assert revisions(b.database_path) == revisions(a.database_path)
    assert store.get(b.db, CATALOG, "KH3-44")["measures"] == "=SUM(A1) ច្បាប់ត្រូវបានអនុម័ត"
