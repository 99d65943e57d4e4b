"""The dashboard's figures, its drill-down and the report's quotes on a central office's
PostgreSQL server: the same as on SQLite for the same records (storage/dashboard_queries.py and
storage/dashboard_entries.py run on both engines)."""

from __future__ import annotations

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.services.central_database import CentralDatabase
from consultation_app.storage import dashboard_entries as de
from consultation_app.storage import dashboard_queries as dq
from consultation_app.storage import merge_store
from consultation_app.storage.dashboard_queries import NOT_RECORDED, UNKNOWN_THEME, Filters
from tests.test_dashboard import CATALOG, CS, IC, MINORITIES, PP, RK, build_fixture

FILTERS = (Filters(), Filters(group=IC), Filters(province=RK), Filters(group=CS, province=PP),
           Filters(date_from="2024-02-01", date_to="2024-05-31"), Filters(date_from="2024-03-20"),
           Filters(catalog_id=CATALOG), Filters(catalog_id="no-such-catalog"), Filters(group="no-such-group"))


def copy_records(source, target) -> None:
    """Every consultation and feedback record of ``source`` (deleted ones too) into ``target``, as
    a merge writes them."""
    with target.atomic():
        for kind in (CONSULTATION, FEEDBACK):
            uuids = [row[0] for row in source.execute(f"SELECT uuid FROM {kind.table} ORDER BY uuid")]
            rows = [merge_store.current_record(source, kind, uuid) for uuid in uuids]
            merge_store.write_rows(target, kind, rows, 0, replace=False)


def _comparable(figures: dq.DashboardFigures) -> dict:
    out = dict(vars(figures))
    out.pop("filters")
    return out


def test_dashboard_figures_drill_down_and_quotes_are_the_same_on_postgresql_as_on_sqlite(workspace, pg_url):
    build_fixture(workspace)
    with CentralDatabase(pg_url) as server:
        copy_records(workspace.db, server.db)
        for filters in FILTERS:
            on_sqlite = dq.dashboard_figures(workspace.db, workspace.reference, filters)
            on_pg = dq.dashboard_figures(server.db, server.reference, filters)
            assert _comparable(on_pg) == _comparable(on_sqlite), filters
            assert all(type(cell.entries) is int for cell in on_pg.theme_totals.values())
            for cell in ({}, {"theme": MINORITIES}, {"theme": (CATALOG, UNKNOWN_THEME)},
                         {"recommendation": (CATALOG, "KH3-44"), "priority": "high"},
                         {"group": IC, "province": NOT_RECORDED}, {"assessment": NOT_RECORDED}):
                assert de.drill_down(server.db, server.reference, filters, **cell) == \
                    de.drill_down(workspace.db, workspace.reference, filters, **cell), (filters, cell)
            assert de.selected_quotes(server.db, filters) == de.selected_quotes(workspace.db, filters), filters
        figures = dq.dashboard_figures(server.db, server.reference, Filters())
        assert figures.total.entries == 21  # 23 made, one deleted, one of a deleted consultation


def test_the_dashboard_turns_postgresql_jit_off_for_its_statements_and_back_on_after(workspace, pg_url):
    """PostgreSQL compiles a statement this large with LLVM when its estimated cost is high: 13 of
    the 16 s of a 200,000-entry recompute (benchmarks/bench_million.py). The dashboard's statements
    run without JIT; the connection's own setting is put back."""
    build_fixture(workspace)
    with CentralDatabase(pg_url) as server:
        copy_records(workspace.db, server.db)
        server.db.execute("SET jit = on")
        seen = []
        real_execute = server.db.conn.execute

        def execute(sql, parameters=None):
            if "WITH group_keys" in sql or "SELECT x.uuid" in sql or "WITH candidates" in sql:
                seen.append(real_execute("SELECT current_setting('jit')").fetchone()[0])
            return real_execute(sql, parameters)

        server.db.conn.execute = execute
        dq.dashboard_figures(server.db, server.reference, Filters())  # builds the aggregates: several statements
        figures_seen = len(seen)
        de.drill_down(server.db, server.reference, Filters(), theme=MINORITIES)
        de.selected_quotes(server.db, Filters())
        assert figures_seen >= 1 and len(seen) == figures_seen + 2
        assert set(seen) == {"off"}
        assert real_execute("SELECT current_setting('jit')").fetchone()[0] == "on"
