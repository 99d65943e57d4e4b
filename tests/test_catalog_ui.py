"""Several catalogs in the desktop app: the catalog picker of a new consultation, the
recommendations tab following the open consultation's catalog, and File > Import catalog…
with its preview."""

import pytest
from PySide6.QtWidgets import QInputDialog

from consultation_app.domain.records import CONSULTATION
from consultation_app.services.catalog_import import ImportOptions, apply, plan_import
from consultation_app.storage import catalog_store
from consultation_app.ui.main_window import RECOMMENDATIONS_TAB, MainWindow
from tests.catalog_fixtures import write_uhri_xlsx

ANNEX = "khm-upr3-ohchr-2019"


@pytest.fixture
def window(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.autosaver.flush()


def test_recommendations_tab_follows_the_consultations_catalog(qtbot, workspace, tmp_path, monkeypatch):
    apply(workspace.db, plan_import(workspace.db, write_uhri_xlsx(tmp_path / "u.xlsx"), ImportOptions(
        country="Cambodia", cycle=4, skip_bad_rows=True, catalog_id="khm-upr4")))
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    assert win.catalog_id == "khm-upr4", "the latest cycle is the default"
    asked = []

    def pick(parent, title, label, items, current, editable):
        asked.append(items)
        return next(i for i in items if "2019" in i or "third" in i.lower() or "Annex" in i), True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    win.new_consultation()
    assert len(asked[0]) == 2 and "4" in asked[0][0], "the default catalog is offered first"
    annex_consultation = win.consultation
    assert annex_consultation["catalog_id"] == ANNEX
    win.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
    assert win.tree_model.codes_in_order()[:2] == ["KH3-01", "KH3-02"]
    upr4 = workspace.records.create(CONSULTATION, {"title": "Fourth cycle", "catalog_id": "khm-upr4",
                                                   "start_date": "2026-11-02"})
    win.reload_consultations(upr4["uuid"])
    win.open_consultation(upr4["uuid"])
    assert win.tree_model.codes_in_order() == ["110.23", "110.24", "110.25", "110.26", "110.29"]
    assert "(cycle 4)" in win._capture.catalog_label.text() and "2024.06.07" in win._capture.catalog_label.text()
    assert win._search_codes("land") == {"110.24"}
    win.open_consultation(annex_consultation["uuid"])
    assert len(win.tree_model.codes_in_order()) == 47
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    before = len(catalog_store.list_catalogs(workspace.db))
    win.new_consultation()
    assert win.consultation["uuid"] == annex_consultation["uuid"], "cancelled: no consultation made"
    assert len(catalog_store.list_catalogs(workspace.db)) == before


def test_import_catalog_dialog_previews_then_imports(qtbot, window, workspace, tmp_path):
    dialog = window.import_catalog()
    qtbot.addWidget(dialog)
    dialog.path.setText(str(write_uhri_xlsx(tmp_path / "uhri.xlsx")))
    dialog.country.setText("Cambodia")
    dialog.cycle.setValue(4)
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.make_preview()
    assert not dialog.import_button.isEnabled()
    assert "3 row(s) cannot be read" in dialog.preview.toPlainText() and "row 9" in dialog.preview.toPlainText()
    dialog.skip_bad.setChecked(True)
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.make_preview()
    text = dialog.preview.toPlainText()
    assert "A new catalog will be created with 5 recommendations" in text
    assert "Left out: 1 row(s): country is not Cambodia" in text and "row 10: column 'OHCHR Annotation Id'" in text
    assert catalog_store.installed(workspace.db, "cambodia-upr4-uhri") is None, "a preview stores nothing"
    with qtbot.waitSignal(dialog.imported) as signal:
        dialog.import_button.click()
    assert signal.args == ["cambodia-upr4-uhri"]
    assert len(catalog_store.list_recommendations(workspace.db, "cambodia-upr4-uhri")) == 5
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.make_preview()
    assert "already loaded" in dialog.preview.toPlainText() and not dialog.import_button.isEnabled()


def test_links_review_screen_confirms_and_rejects(qtbot, window, workspace, tmp_path):
    from consultation_app.storage import link_store

    apply(workspace.db, plan_import(workspace.db, write_uhri_xlsx(tmp_path / "u.xlsx"), ImportOptions(
        country="Cambodia", cycle=4, skip_bad_rows=True, catalog_id="khm-upr4")))
    dialog = window.link_catalogs()
    qtbot.addWidget(dialog)
    assert dialog.earlier.currentData() == ANNEX and dialog.later.currentData() == "khm-upr4"
    dialog.suggest()
    rows = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 2).text()) for r in range(dialog.table.rowCount())]
    land = rows.index(("110.24", "KH3-09"))
    assert rows[land - 1][0] != "110.24", "the best proposal comes first"
    dialog.table.clearSelection()
    dialog.table.selectRow(land)
    dialog.confirm_button.click()
    dialog.table.clearSelection()
    dialog.table.selectRow(land + 1)
    dialog.reject_button.click()
    assert dialog.table.item(land, 5).text() == "confirmed"
    decided = link_store.decided(workspace.db, ANNEX, "khm-upr4")
    assert decided[("KH3-09", "110.24")] == "confirmed"
    assert decided[(rows[land + 1][1], rows[land + 1][0])] == "rejected"
    dialog.suggest()
    assert dialog.table.item(land, 5).text() == "confirmed", "decisions are shown again"


def test_dashboard_shows_feedback_on_linked_predecessors(qtbot, workspace, tmp_path):
    from PySide6.QtCore import Qt

    from consultation_app.domain.records import FEEDBACK
    from consultation_app.storage import link_store
    from consultation_app.ui.dashboard import DashboardWindow

    apply(workspace.db, plan_import(workspace.db, write_uhri_xlsx(tmp_path / "u.xlsx"), ImportOptions(
        country="Cambodia", cycle=4, skip_bad_rows=True, catalog_id="khm-upr4")))
    link_store.decide(workspace.db, ANNEX, "KH3-09", "khm-upr4", "110.24", link_store.CONFIRMED)
    consultation = workspace.records.create(CONSULTATION, {"title": "Earlier", "catalog_id": ANNEX,
                                                           "start_date": "2021-03-01"})
    workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "catalog_id": ANNEX,
                                        "recommendation_code": "KH3-09", "priority": "high"})
    dashboard = DashboardWindow(workspace, "en")
    qtbot.addWidget(dashboard)
    dashboard.catalog.setCurrentIndex(dashboard.catalog.findData("khm-upr4"))
    dashboard.recompute()
    dashboard.wait()
    model = dashboard.recommendation_model
    tips = [model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    land = next(t for t in tips if t and t.startswith("110.24"))
    assert "Earlier cycle, KH3-09 (khm-upr3-ohchr-2019): 1 feedback entries from 1 consultations" in land
