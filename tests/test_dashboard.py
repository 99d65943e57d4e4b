"""The central office's dashboard: coverage matrices, distributions and drill-downs against
figures counted by hand on a small fixture; the filters; the SQL against report_queries on
demo data; the Qt models (QAbstractItemModelTester); the window, a double-click drill-down
and the View menu entry."""

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.storage import dashboard_entries as de
from consultation_app.storage import dashboard_queries as dq
from consultation_app.storage import report_queries
from consultation_app.storage.dashboard_queries import NOT_RECORDED, UNKNOWN_THEME, Cell, Filters

CATALOG = "khm-upr3-ohchr-2019"
SCOPE, FRAMEWORK, DEVELOPMENT = (CATALOG, "scope"), (CATALOG, "framework"), (CATALOG, "A-development")
MINORITIES, EDUCATION, UNKNOWN = (CATALOG, "D-minorities"), (CATALOG, "C-education"), (CATALOG, UNKNOWN_THEME)
IC, CS, PA, OT = "indigenous_communities", "civil_society", "provincial_authorities", "other"
RK, MK, PP, KD = "ratanakiri", "mondulkiri", "phnom_penh", "kandal"

SECRET = "The soldiers came at night"          # a quote and comment marked sensitive
NAMED_PERSON = "Mr Sok Dara"                  # an entry that names a person
NAMED_WORDS = "I said it in front of everyone"
LAND_QUOTE = "យើងមិនដែលត្រូវបានសួរអំពីដីទេ។"
LAND_TRANSLATION = "We were never asked about the land."


def build_fixture(ws) -> dict[str, str]:
    """Six consultations with known groups, provinces and dates, 23 feedback entries: one
    deleted, one of a deleted consultation, one of a consultation that has not arrived, one
    with a code the catalog lacks, one sensitive, one naming a person. Returns names -> uuids."""
    ids: dict[str, str] = {}

    def consultation(name, group, province, date, title):
        ids[name] = ws.records.create(CONSULTATION, {
            "title": title, "catalog_id": CATALOG, "stakeholder_group": group, "province": province,
            "start_date": date, "participants_women": 5, "participants_men": 4,
            # Consent to cite the meeting by name: without it, a printed quote names no title.
            "consent_policy": "organisations_with_consent"})["uuid"]

    def feedback(name, consultation_name, code, priority=None, assessment=None, **values):
        uuid = ids.get(consultation_name, consultation_name)
        ids[name] = ws.records.create(FEEDBACK, {
            "consultation_uuid": uuid, "catalog_id": CATALOG, "recommendation_code": code, "priority": priority,
            "implementation_assessment": assessment, "comment": f"comment {name}", **values})["uuid"]

    consultation("c1", IC, RK, "2024-01-10", "Ratanakiri indigenous forum")
    consultation("c2", IC, MK, "2024-02-15", "Mondulkiri indigenous forum")
    consultation("c3", CS, PP, "2024-03-20", "Phnom Penh civil society")
    consultation("c4", CS, RK, "2024-04-05", "Banlung civil society")
    consultation("c5", PA, KD, "2024-05-12", "Kandal provincial officials")
    consultation("c6", PA, PP, "2024-06-30", "Ministry focal points")
    consultation("c7", OT, KD, "2024-07-01", "Cancelled meeting")
    feedback("f1", "c1", "KH3-44", "high", "not_implemented")
    feedback("f2", "c1", "KH3-44", "high", "worsened")
    feedback("f3", "c1", "KH3-45", "medium", "partially_implemented")
    feedback("f4", "c1", "KH3-34", "high", "not_implemented")
    feedback("f5", "c2", "KH3-44", "medium", "not_implemented")
    feedback("f6", "c2", "KH3-34", "low", "unknown")
    feedback("f7", "c2", "KH3-01")  # no priority, no assessment: "not recorded"
    feedback("f8", "c3", "KH3-01", "high", "not_implemented")
    feedback("f9", "c3", "KH3-02", "medium", "partially_implemented")
    feedback("f10", "c3", "KH3-09", "high", "worsened")
    feedback("f11", "c3", "KH3-10", "high", "worsened", sensitive=True, quote=SECRET, comment=SECRET)
    feedback("f12", "c4", "KH3-09", "medium", "not_implemented", quote=LAND_QUOTE, quote_translation=LAND_TRANSLATION)
    feedback("f13", "c4", "KH3-44", "low", "fully_implemented")
    feedback("f14", "c4", "KH3-01", "high", "not_implemented", attribution="named_with_consent",
             attributed_to=NAMED_PERSON, quote=NAMED_WORDS)
    feedback("f15", "c5", "KH3-09", "low", "fully_implemented")
    feedback("f16", "c5", "KH3-34", "medium", "partially_implemented")
    feedback("f17", "c5", "KH3-34", "medium", "unknown")
    feedback("f18", "c6", "KH3-01", "not_stated", "unknown")
    feedback("f19", "c6", "KH3-09", "high", "partially_implemented")
    feedback("f20", "c6", "KH3-44", "high", "worsened")
    ws.records.delete(FEEDBACK, ids["f20"])  # deleted: never counted
    feedback("f21", "c7", "KH3-09", "high", "worsened")
    ws.records.delete(CONSULTATION, ids["c7"])  # its feedback is not counted either
    feedback("f22", "not-arrived-yet", "KH3-01", "high", "worsened")  # its consultation is not here (yet)
    feedback("f23", "c6", "KH3-99", "high")  # a code the catalog lacks
    return ids


@pytest.fixture
def fixture(workspace):
    return workspace, build_fixture(workspace)


def figures(ws, **filters):
    return dq.dashboard_figures(ws.db, ws.reference, Filters(**filters))


# -- figures counted by hand -------------------------------------------------------------------------
GROUP_MATRIX = {  # theme -> group -> (entries, consultations); every other cell of a listed theme is zero
    SCOPE: {IC: (1, 1), CS: (3, 2), PA: (1, 1), NOT_RECORDED: (1, 1)},
    DEVELOPMENT: {CS: (3, 2), PA: (2, 2)},  # no indigenous input on land and development
    MINORITIES: {IC: (4, 2), CS: (1, 1)},
    EDUCATION: {IC: (2, 2), PA: (2, 1)},
    UNKNOWN: {PA: (1, 1)},
}
PROVINCE_MATRIX = {
    SCOPE: {MK: (1, 1), PP: (3, 2), RK: (1, 1), NOT_RECORDED: (1, 1)},
    DEVELOPMENT: {PP: (3, 2), RK: (1, 1), KD: (1, 1)},
    MINORITIES: {RK: (4, 2), MK: (1, 1)},
    EDUCATION: {RK: (1, 1), MK: (1, 1), KD: (2, 1)},
    UNKNOWN: {PP: (1, 1)},
}
THEME_TOTALS = {SCOPE: (6, 5), DEVELOPMENT: (5, 4), MINORITIES: (5, 3), EDUCATION: (4, 3), UNKNOWN: (1, 1),
                FRAMEWORK: (0, 0)}
THEME_PRIORITIES = {
    SCOPE: {"high": 3, "medium": 1, "low": 0, "not_stated": 1, NOT_RECORDED: 1},
    DEVELOPMENT: {"high": 3, "medium": 1, "low": 1, "not_stated": 0, NOT_RECORDED: 0},
    MINORITIES: {"high": 2, "medium": 2, "low": 1, "not_stated": 0, NOT_RECORDED: 0},
    EDUCATION: {"high": 1, "medium": 2, "low": 1, "not_stated": 0, NOT_RECORDED: 0},
}
THEME_ASSESSMENTS = {
    SCOPE: {"not_implemented": 2, "partially_implemented": 1, "unknown": 1, "worsened": 1, NOT_RECORDED: 1,
            "fully_implemented": 0},
    DEVELOPMENT: {"worsened": 2, "not_implemented": 1, "fully_implemented": 1, "partially_implemented": 1,
                  "unknown": 0, NOT_RECORDED: 0},
    MINORITIES: {"not_implemented": 2, "worsened": 1, "partially_implemented": 1, "fully_implemented": 1,
                 "unknown": 0, NOT_RECORDED: 0},
    EDUCATION: {"not_implemented": 1, "unknown": 2, "partially_implemented": 1, "fully_implemented": 0,
                "worsened": 0, NOT_RECORDED: 0},
}


def test_coverage_matrices_match_hand_counts_zero_cells_included(fixture):
    ws, _ = fixture
    result = figures(ws)
    assert result.total == Cell(21, 7)  # C1..C6 and the consultation not arrived yet
    assert result.group_columns == [PA, IC, CS, OT, NOT_RECORDED]  # "not recorded" only because f22 needs it
    assert NOT_RECORDED in result.province_columns and len(result.province_columns) == 26
    themes = [(t["catalog_id"], t["key"]) for t in result.themes]
    assert len(themes) == 18 and themes[0] == SCOPE and themes[-1] == UNKNOWN  # 17 of the annex, then unknown
    for matrix, expected, columns in ((result.by_group, GROUP_MATRIX, result.group_columns),
                                      (result.by_province, PROVINCE_MATRIX, result.province_columns)):
        for theme in themes:
            assert set(matrix[theme]) == set(columns) | {NOT_RECORDED}  # every cell, zeros included
            for column in columns:
                want = expected.get(theme, {}).get(column, (0, 0))
                assert matrix[theme][column] == Cell(*want), (theme, column)
    assert result.by_group[DEVELOPMENT][IC] == Cell(0, 0)  # the gap the dashboard must show
    for theme, (entries, consultations) in THEME_TOTALS.items():
        assert result.theme_totals[theme] == Cell(entries, consultations)
    assert result.group_totals == {IC: Cell(7, 2), CS: Cell(7, 2), PA: Cell(6, 2), OT: Cell(0, 0),
                                   NOT_RECORDED: Cell(1, 1)}
    assert result.province_totals[RK] == Cell(7, 2) and result.province_totals[PP] == Cell(7, 2)
    assert result.province_totals[MK] == Cell(3, 1) and result.province_totals[KD] == Cell(3, 1)
    assert result.province_totals["kep"] == Cell(0, 0)


def test_distributions_per_theme_and_recommendation(fixture):
    ws, _ = fixture
    result = figures(ws)
    for theme, expected in THEME_PRIORITIES.items():
        assert result.theme_priorities[theme] == expected, theme
    for theme, expected in THEME_ASSESSMENTS.items():
        assert result.theme_assessments[theme] == expected, theme
    assert result.theme_priorities[FRAMEWORK] == dict.fromkeys(["high", "medium", "low", "not_stated",
                                                                NOT_RECORDED], 0)
    assert result.recommendation_totals[(CATALOG, "KH3-44")] == Cell(4, 3)
    assert result.recommendation_priorities[(CATALOG, "KH3-44")] == {"high": 2, "medium": 1, "low": 1,
                                                                     "not_stated": 0, NOT_RECORDED: 0}
    assert result.recommendation_assessments[(CATALOG, "KH3-44")]["not_implemented"] == 2
    assert result.recommendation_totals[(CATALOG, "KH3-01")] == Cell(5, 5)
    assert result.recommendation_priorities[(CATALOG, "KH3-01")] == {"high": 3, "medium": 0, "low": 0,
                                                                     "not_stated": 1, NOT_RECORDED: 1}
    assert result.recommendation_totals[(CATALOG, "KH3-09")] == Cell(4, 4)
    assert result.recommendation_totals[(CATALOG, "KH3-47")] == Cell(0, 0)
    assert result.recommendation_totals[(CATALOG, "KH3-99")] == Cell(1, 1)  # the unknown code, reported
    assert [r["code"] for r in result.recommendations][-1] == "KH3-99"
    assert result.priority_totals == {"high": 10, "medium": 6, "low": 3, "not_stated": 1, NOT_RECORDED: 1}
    assert sum(result.assessment_totals.values()) == 21


def test_filters_on_group_province_dates_and_catalog(fixture):
    ws, _ = fixture
    indigenous = figures(ws, group=IC)
    assert indigenous.total == Cell(7, 2)
    assert indigenous.group_columns == [PA, IC, CS, OT]  # the consultation not arrived cannot be of the group
    assert indigenous.by_group[DEVELOPMENT][IC] == Cell(0, 0)
    assert indigenous.by_group[MINORITIES] == {PA: Cell(), IC: Cell(4, 2), CS: Cell(), OT: Cell(),
                                               NOT_RECORDED: Cell()}
    assert indigenous.theme_totals[SCOPE] == Cell(1, 1)
    ratanakiri = figures(ws, province=RK)
    assert ratanakiri.total == Cell(7, 2)
    assert ratanakiri.by_province[MINORITIES][RK] == Cell(4, 2)
    assert ratanakiri.by_group[MINORITIES] == {PA: Cell(), IC: Cell(3, 1), CS: Cell(1, 1), OT: Cell(),
                                               NOT_RECORDED: Cell()}
    spring = figures(ws, date_from="2024-03-01", date_to="2024-05-31")  # c3, c4 and c5
    assert spring.total == Cell(10, 3)
    assert spring.theme_totals[DEVELOPMENT] == Cell(4, 3)
    assert figures(ws, date_from="2024-03-20", date_to="2024-03-20").total == Cell(4, 1)  # both ends inclusive
    assert figures(ws, group=IC, province=MK).total == Cell(3, 1)
    assert figures(ws, catalog_id=CATALOG).total == Cell(21, 7)
    other = figures(ws, catalog_id="another-catalog")
    assert other.total == Cell(0, 0) and other.themes == []


def test_a_code_without_its_catalog_id_counts_in_its_recommendation(fixture):
    """As the master export counts it: feedback with an empty catalog id belongs to the code in
    the first catalog that has it; a consultation that named it both ways is one consultation."""
    ws, ids = fixture
    for code in ("KH3-44", "KH3-47"):
        ws.records.create(FEEDBACK, {"consultation_uuid": ids["c1"], "catalog_id": "", "recommendation_code": code,
                                     "priority": "low"})
    result = figures(ws)
    assert result.recommendation_totals[(CATALOG, "KH3-44")] == Cell(5, 3)  # c1 already had KH3-44: still 3
    assert result.recommendation_totals[(CATALOG, "KH3-47")] == Cell(1, 1)
    assert result.by_group[MINORITIES][IC] == Cell(5, 2)
    assert result.by_group[(CATALOG, "D-stateless")][IC] == Cell(1, 1)
    assert result.total == Cell(23, 7)
    allowed = {"priority": ws.reference.keys("priorities")}
    expected = {row["code"]: row for row in report_queries.recommendation_figures(ws.db, allowed)}
    assert (expected["KH3-44"]["feedback"], expected["KH3-44"]["consultations"]) == (5, 3)
    drilled = de.drill_down(ws.db, ws.reference, recommendation=(CATALOG, "KH3-47"))
    assert [row["catalog_id"] for row in drilled] == [CATALOG]
    assert figures(ws, catalog_id=CATALOG).total == Cell(23, 7)


def test_filters_check_dates():
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        Filters(date_from="10/05/2024")
    with pytest.raises(Exception, match="wrong way round"):
        Filters(date_from="2024-05-10", date_to="2024-05-01")
    assert Filters(group=IC).where() == (" AND c.stakeholder_group = ?", [IC])


def test_drill_down_lists_the_entries_behind_a_cell(fixture):
    ws, ids = fixture
    names = {uuid: name for name, uuid in ids.items()}

    def drill(filters=None, **cell):
        return [names[row["uuid"]] for row in de.drill_down(ws.db, ws.reference, filters, **cell)]

    assert drill(theme=DEVELOPMENT, group=IC) == []  # the empty cell is empty
    newest_first = drill(theme=MINORITIES, group=IC)  # newest consultation first, then by code
    assert newest_first[0] == "f5" and sorted(newest_first[1:3]) == ["f1", "f2"] and newest_first[3] == "f3"
    assert drill(theme=SCOPE, group=NOT_RECORDED) == ["f22"]
    assert sorted(drill(theme=DEVELOPMENT, province=PP)) == ["f10", "f11", "f19"]
    assert sorted(drill(recommendation=(CATALOG, "KH3-44"), priority="high")) == ["f1", "f2"]
    assert drill(theme=SCOPE, priority=NOT_RECORDED) == ["f7"]
    assert drill(theme=UNKNOWN) == ["f23"]
    assert sorted(drill(Filters(province=RK), theme=MINORITIES)) == ["f1", "f13", "f2", "f3"]
    assert drill(Filters(group=CS), theme=MINORITIES, group=IC) == []
    assert len(drill()) == 21
    rows = {row["uuid"]: row for row in de.drill_down(ws.db, ws.reference, theme=DEVELOPMENT, province=PP)}
    f10 = rows[ids["f10"]]
    assert {key: f10[key] for key in ("consultation_title", "stakeholder_group", "province", "start_date",
                                      "recommendation_code", "priority", "implementation_assessment",
                                      "excerpt")} == {
        "consultation_title": "Phnom Penh civil society", "stakeholder_group": CS, "province": PP,
        "start_date": "2024-03-20", "recommendation_code": "KH3-09", "priority": "high",
        "implementation_assessment": "worsened", "excerpt": "comment f10"}
    secret = rows[ids["f11"]]
    assert secret["excerpt"] == "" and secret["withheld"] == "sensitive"  # counted, never shown
    assert all("attributed_to" not in row for row in rows.values())
    # every figure of a matrix is the number of rows of its drill-down
    result = figures(ws)
    for theme, cells in result.by_group.items():
        for group, cell in cells.items():
            assert len(de.drill_down(ws.db, ws.reference, theme=theme, group=group)) == cell.entries


def test_selected_quotes_never_expose_sensitive_or_named_records(fixture):
    ws, ids = fixture
    quotes = de.selected_quotes(ws.db)
    chosen = [quote for rows in quotes.values() for quote in rows]
    assert [quote["uuid"] for quote in chosen] == [ids["f12"]]
    assert chosen[0]["quote_translation"] == LAND_TRANSLATION and chosen[0]["province"] == RK
    assert de.selected_quotes(ws.db, Filters(group=IC)) == {}


def test_excerpts_are_one_line_and_never_split_a_khmer_character():
    assert de._excerpt("a\nb   c") == "a b c"
    # a vowel sign right after the cut belongs to the consonant before it: both go
    assert de._excerpt("ក" * 160 + "ា" + "ខ" * 10) == "ក" * 159 + "…"
    assert de._excerpt("ក" * 159 + "ា" + "ខ" * 10) == "ក" * 159 + "ា…"  # a whole character: kept


def test_the_statement_agrees_with_report_queries_on_demo_data(workspace):
    """Two implementations of the same counting rules (the master export's and the dashboard's
    faster one) must give the same per-recommendation figures, with and without filters."""
    from consultation_app.services.demo import add_demo_data

    add_demo_data(workspace, 40, seed=11, feedback_mean=20)
    reference = workspace.reference
    allowed = {"stakeholder_group": reference.keys("stakeholder_groups"), "province": reference.keys("provinces"),
               "priority": reference.keys("priorities"),
               "implementation_assessment": reference.keys("implementation_assessments")}
    for filters in (Filters(), Filters(group=IC), Filters(province=RK, date_from="2021-01-01"),
                    Filters(date_to="2021-06-30")):
        result = dq.dashboard_figures(workspace.db, reference, filters)
        where, params = filters.where()
        expected = report_queries.recommendation_figures(workspace.db, allowed, where, params)
        for row in expected:
            key = (row["catalog_id"], row["code"])
            assert result.recommendation_totals[key] == Cell(row["feedback"], row["consultations"]), key
            assert {k: v for k, v in result.recommendation_priorities[key].items() if v} == row["priority"]
            assert {k: v for k, v in result.recommendation_assessments[key].items() if v} == \
                row["implementation_assessment"]
        assert result.total.entries == sum(row["feedback"] for row in expected)
        for theme, cells in result.by_group.items():  # the matrix adds up
            assert sum(cell.entries for cell in cells.values()) == result.theme_totals[theme].entries


def test_dashboard_indexes_are_in_the_schema_and_used(workspace):
    names = {row[0] for row in workspace.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"feedback_dashboard", "feedback_distribution"} <= names
    sql, params = dq._statement(Filters(), dq.list_keys(workspace.reference))
    plan = " ".join(str(row) for row in workspace.db.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "feedback_dashboard" in plan and "feedback_distribution" in plan


# -- the window ----------------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, fixture, monkeypatch):
    from consultation_app.ui.background import Background
    from consultation_app.ui.dashboard import DashboardWindow

    monkeypatch.setattr(Background, "synchronous", True)  # figures computed inline: deterministic
    ws, ids = fixture
    dashboard = DashboardWindow(ws, "en")
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    dashboard.wait()
    return dashboard, ws, ids


def _find(model, text: str, column: int = 0) -> int:
    for row in range(model.rowCount()):
        if model.index(row, column).data() == text:
            return row
    raise AssertionError(f"{text!r} not in the table")


def test_models_pass_qt_model_tester(window, qtbot):
    from consultation_app.ui.dashboard_models import DRILL_ROLE

    dashboard, ws, _ = window
    for model in (dashboard.group_model, dashboard.province_model, dashboard.recommendation_model,
                  dashboard.drill_model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    dashboard.drill_down(theme=MINORITIES, group=IC)  # resets under the testers' eyes
    dashboard.province.setCurrentIndex(dashboard.province.findData(RK))
    dashboard.recompute()
    dashboard.wait()
    dashboard.show_combo.setCurrentIndex(1)
    assert dashboard.group_model.rowCount() == 18  # the annex's 17 themes and the totals (no unknown code here)
    assert dashboard.group_model.data(dashboard.group_model.index(0, 0), DRILL_ROLE) == {"theme": SCOPE}
    assert dashboard.group_model.rowCount(dashboard.group_model.index(0, 0)) == 0
    assert not dashboard.group_model.index(0, 0, dashboard.group_model.index(0, 0)).isValid()
    assert dashboard.drill_model.data(QModelIndex()) is None


def test_window_shows_the_matrix_with_empty_cells_standing_out(window):
    from consultation_app.ui.dashboard_models import COUNT_ROLE, ZERO_BACKGROUND, ZERO_ROLE

    dashboard, ws, _ = window
    model = dashboard.group_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "Theme" and headers[-1] == "Total" and "Not recorded" in headers
    indigenous = headers.index("Indigenous\npeoples'\ncommunities")
    land = _find(model, "Development, the environment, and business and human rights")
    cell = model.index(land, indigenous)
    assert cell.data() == "0" and cell.data(ZERO_ROLE) is True
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == ZERO_BACKGROUND
    minorities = model.index(_find(model, "Minorities and indigenous peoples"), indigenous)
    assert minorities.data(COUNT_ROLE) == 4 and minorities.data(ZERO_ROLE) is False
    assert "4 feedback entries from 2 consultations" in minorities.data(Qt.ItemDataRole.ToolTipRole)
    total = model.index(model.rowCount() - 1, model.columnCount() - 1)
    assert total.data() == "21" and not total.data(ZERO_ROLE)
    dashboard.show_combo.setCurrentIndex(dashboard.show_combo.findData("consultations"))
    assert minorities.data() == "2" and total.data() == "7"
    assert "21 feedback entries from 7 consultations" in dashboard.summary.text()
    # charts: one bar set per priority, one bar per theme, first theme on top
    series = dashboard.priority_chart.series()
    assert [s.label() for s in series.barSets()] == ["High", "Medium", "Low", "Not stated", "Not recorded"]
    high = series.barSets()[0]
    assert high.count() == 18 and high.at(high.count() - 1) == 3  # the scope theme: 3 high
    assert dashboard.priority_chart.row_keys[-1] == SCOPE


def double_click(qtbot, view, index) -> None:
    """As a hand does it: a click, then the second click of a double-click."""
    view.scrollTo(index)
    position = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)


def test_double_click_drills_down_and_filters_follow(window, qtbot):
    dashboard, ws, ids = window
    view, model = dashboard.group_view, dashboard.group_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    index = model.index(_find(model, "Minorities and indigenous peoples"), headers.index(
        "Indigenous\npeoples'\ncommunities"))
    double_click(qtbot, view, index)
    drill = dashboard.drill_model
    assert drill.rowCount() == 4
    assert {drill.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(4)} == {
        ids["f1"], ids["f2"], ids["f3"], ids["f5"]}
    assert drill.index(0, 1).data() == "Mondulkiri indigenous forum"
    assert drill.index(0, 2).data() == "Indigenous peoples' communities" and drill.index(0, 3).data() == "Mondulkiri"
    assert "4 entries" in dashboard.drill_title.text()
    # the red cell drills to nothing
    empty = model.index(_find(model, "Development, the environment, and business and human rights"), index.column())
    double_click(qtbot, view, empty)
    assert drill.rowCount() == 0 and ": 0 entries" in dashboard.drill_title.text()
    # a sensitive entry is listed, its words are not
    dashboard.drill_down(theme=DEVELOPMENT, province=PP)
    texts = [drill.index(row, 7).data() for row in range(drill.rowCount())]
    assert "(marked sensitive: not shown)" in texts and SECRET not in " ".join(texts)
    # a filter recomputes the figures and the open list
    dashboard.drill_down(theme=MINORITIES)
    assert drill.rowCount() == 5
    dashboard.province.setCurrentIndex(dashboard.province.findData(RK))
    dashboard.recompute()
    dashboard.wait()
    assert drill.rowCount() == 4 and dashboard.figures.total == Cell(7, 2)
    dashboard.reset_filters()
    dashboard.recompute()
    dashboard.wait()
    assert dashboard.figures.total == Cell(21, 7)
    # a bar of a chart drills down too
    dashboard.priority_chart._activated(len(dashboard.priority_chart.row_keys) - 1, "high")
    assert drill.rowCount() == 3 and dashboard.drill_args == {"theme": SCOPE, "priority": "high"}


def test_recompute_runs_off_the_gui_thread_and_keeps_the_newest(qtbot, fixture):
    from consultation_app.ui.dashboard import DashboardWindow

    ws, _ = fixture
    dashboard = DashboardWindow(ws, "en")
    qtbot.addWidget(dashboard)
    dashboard.province.setCurrentIndex(dashboard.province.findData(MK))
    dashboard.recompute()
    dashboard.province.setCurrentIndex(dashboard.province.findData(RK))
    with qtbot.waitSignal(dashboard.recomputed, timeout=10_000):
        dashboard.recompute()
    qtbot.waitUntil(lambda: not dashboard.background.busy(), timeout=10_000)
    assert dashboard.figures.filters.province == RK and dashboard.figures.total == Cell(7, 2)


def test_view_menu_opens_the_dashboard_once(qtbot, workspace, monkeypatch):
    from consultation_app.ui.background import Background
    from consultation_app.ui.main_window import MainWindow

    monkeypatch.setattr(Background, "synchronous", True)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    action = window.findChild(type(window.menuBar().actions()[0]), "action_dashboard")
    assert action is not None and action.text() == "&Dashboard…"
    action.trigger()
    dashboard = window.dashboard
    assert dashboard.isVisible() and dashboard.figures is not None
    action.trigger()
    assert window.dashboard is dashboard  # kept, not made twice
    dashboard.close()


def test_column_titles_are_whole_and_double_clicking_an_entry_shows_its_full_text(window, qtbot):
    dashboard, ws, ids = window
    dashboard.resize(900, 560)  # a small screen: the titles still fit their columns
    view, model = dashboard.group_view, dashboard.group_model
    metrics = view.horizontalHeader().fontMetrics()
    for column in range(1, model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert view.columnWidth(column) >= max(metrics.horizontalAdvance(line) for line in title.split("\n"))
    long_comment = "The land committee met four times. " * 8
    ws.records.update(FEEDBACK, ids["f1"], {"comment": long_comment.strip(), "attributed_to": "Mr Sok"})
    dashboard.drill_down(theme=MINORITIES)
    drill = dashboard.drill_model
    row = next(r for r in range(drill.rowCount()) if drill.index(r, 0).data(Qt.ItemDataRole.UserRole) == ids["f1"])
    dialog = dashboard.open_entry(drill.index(row, 7))
    text = dialog.text.toPlainText()
    assert long_comment.strip() in " ".join(text.split()) and "Ratanakiri indigenous forum" in text
    assert "Mr Sok" not in text
    dialog.close()
    secret_row = None
    dashboard.drill_down(theme=DEVELOPMENT, province=PP)
    for r in range(drill.rowCount()):
        if drill.index(r, 7).data() == "(marked sensitive: not shown)":
            secret_row = r
    dialog = dashboard.open_entry(drill.index(secret_row, 7))
    assert SECRET not in dialog.text.toPlainText() and "sensitive" in dialog.text.toPlainText()
    dialog.close()
