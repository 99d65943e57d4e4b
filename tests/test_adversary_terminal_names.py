"""Adversary: names and words another central copy sends (institutions, officers, measures)
carrying direction overrides, line breaks and tabs, printed by the CLI. A line of output
must stay one line with its own columns, and a name must not read as another (U+202E)."""

from __future__ import annotations

import json

from consultation_app.cli.main import main
from consultation_app.exchange.central_exchange_write import write_central_exchange
from consultation_app.exchange.merge import merge_paths
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import implementation_store as store
from tests.test_dashboard import CATALOG

HOSTILE_NAME = "Ministry of \u202eroiretnI\u202c\nmoj\tforged\tline\u2066x\u2069\x85"
HOSTILE_OFFICER = "So\u202ekha\nDara"


def _central_with_hostile_names(open_ws, tmp_path):
    a, b = open_ws("office-a", "Phnom Penh office"), open_ws("office-b", "Regional office")
    store.put_institution(a.db, "moi", HOSTILE_NAME, HOSTILE_NAME, "ministry")
    store.record(a.db, a.device_id, HOSTILE_OFFICER, CATALOG, "KH3-44",
                 {"status": "ongoing", "institutions": ["moi"], "measures": "Draft\u202e law\ttabled\nx"})
    write_central_exchange(a.database_path, tmp_path / "a.xlsx")
    [result] = merge_paths(b.database_path, [tmp_path / "a.xlsx"], default_reference())
    assert result.status == "merged", result.message
    return b


def _run(b, capsys, *args):
    code = main(["--data-dir", str(b.database_path.parent), *args])
    out, err = capsys.readouterr()
    assert code == 0, (out, err)
    return out


def test_institution_and_implementation_lines_stay_one_line_each_and_show_overrides_written_out(
        open_ws, tmp_path, capsys):
    b = _central_with_hostile_names(open_ws, tmp_path)
    for args, lines in ((("institution", "list"), 1), (("implementation", "list"), 1),
                        (("implementation", "history", "KH3-44"), 1)):
        out = _run(b, capsys, *args)
        assert len(out.splitlines()) == lines, (args, out)
        for char in "\u202e\u202c\u2066\u2069\x85":
            assert char not in out, (args, out)
        assert "\\u202e" in out, (args, out)


def test_the_json_output_keeps_the_values_exactly_with_nothing_a_terminal_acts_on(open_ws, tmp_path, capsys):
    """Scripts read --json: the values are the stored ones; a person reads it in a terminal:
    no raw C1 control (NEL, CSI) or direction override in the text, Khmer kept readable."""
    b = _central_with_hostile_names(open_ws, tmp_path)
    store.put_institution(b.db, "mop", "Ministry \x9b31m of Planning", "ក្រសួងផែនការ", "ministry")
    for args in (("institution", "list", "--json"), ("implementation", "history", "KH3-44", "--json"),
                 ("implementation", "list", "--json")):
        out = _run(b, capsys, *args)
        for char in "\u202e\u202c\u2066\u2069\x85\x9b":
            assert char not in out, (args, out)
        json.loads(out)
    out = _run(b, capsys, "institution", "list", "--json")
    listed = {row["key"]: row for row in json.loads(out)}
    assert listed["moi"]["name"] == HOSTILE_NAME and listed["mop"]["name"] == "Ministry \x9b31m of Planning"
    assert "ក្រសួងផែនការ" in out


def test_a_known_central_copys_file_signed_with_a_field_laptops_key_is_refused_even_with_accept_new_key(
        open_ws, tmp_path):
    import base64

    from consultation_app.exchange.export import export_package
    from tests.conftest import dump, query
    from tests.test_central_exchange import _resign

    a, b = open_ws("office-a", "Phnom Penh office"), open_ws("office-b", "Regional office")
    store.put_institution(a.db, "moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")
    store.record(a.db, a.device_id, "Sokha", CATALOG, "KH3-44", {"status": "ongoing", "institutions": ["moi"]})
    write_central_exchange(a.database_path, tmp_path / "a.xlsx")
    assert merge_paths(b.database_path, [tmp_path / "a.xlsx"], default_reference())[0].status == "merged"
    laptop = open_ws("laptop", "Kampot 1")
    export_package(laptop.database_path, tmp_path / "field.xlsx", default_reference())
    assert merge_paths(b.database_path, [tmp_path / "field.xlsx"], default_reference())[0].status == "merged"
    store.record(a.db, a.device_id, "Sokha", CATALOG, "KH3-44", {"status": "completed"})
    write_central_exchange(a.database_path, tmp_path / "a2.xlsx")
    key = base64.b64decode(query(laptop.database_path,
                                 "SELECT value FROM settings WHERE key = 'signing_private_key'")[0][0])
    stolen = _resign(tmp_path / "a2.xlsx", tmp_path / "stolen.xlsx", key)
    before = dump(b.database_path)

    [result] = merge_paths(b.database_path, [stolen], default_reference(), accept_new_key=True)

    assert result.status == "rejected" and "field laptop" in result.message
    after = dump(b.database_path)
    assert {t: after[t] for t in ("implementation_revisions", "implementation_status", "devices")} == \
        {t: before[t] for t in ("implementation_revisions", "implementation_status", "devices")}
