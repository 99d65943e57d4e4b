"""Issue 18: the dashboard chart's theme names are whole (not cut at the edge, not shortened,
none dropped) on the screens central staff have: 1366x768 at 150% (911x512 logical) and
1024x600, in Khmer and in English."""

import pytest

from consultation_app.services.demo import add_demo_data
from consultation_app.ui import i18n
from consultation_app.ui.app import load_fonts
from consultation_app.ui.dashboard import DashboardWindow
from consultation_app.ui.khmer_breaks import ZWSP

SCREENS = {"1366x768@150%": (911, 512), "1024x600": (1024, 600)}


@pytest.mark.parametrize("language", ["km", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_theme_name_is_drawn_whole_beside_its_bar(qtbot, workspace, screen, language):
    load_fonts()
    i18n.install_language(language)
    try:
        add_demo_data(workspace, 12, seed=7, feedback_mean=8)
        dashboard = DashboardWindow(workspace, language)
        qtbot.addWidget(dashboard)
        dashboard.resize(*SCREENS[screen])
        dashboard.show()
        qtbot.waitExposed(dashboard)
        assert dashboard.wait()
        themes = [t for t in dashboard.figures.themes]
        for index, chart in enumerate((dashboard.priority_chart, dashboard.assessment_chart)):
            dashboard.charts.setCurrentIndex(index)
            qtbot.wait(20)
            rects = chart.label_rects()
            assert len(rects) == len(themes) >= 10, "one name per bar, none dropped"
            shown = {text.replace(ZWSP, "") for text, _ in rects}
            assert shown == {t.replace(ZWSP, "") for t in (dashboard.priority_chart.labels)}
            previous_bottom = None
            for text, box in rects:
                assert "…" not in text, text
                assert box.left() >= 0 and box.right() <= chart.width(), (text, box, chart.width())
                assert box.height() >= chart.label_height(text), (screen, language, text, box)
                if previous_bottom is not None:  # drawn bottom to top, never overlapping
                    assert box.bottom() <= previous_bottom + 0.5
                previous_bottom = box.top()
        # The names are the themes' full titles.
        from consultation_app.ui.dashboard_models import theme_title
        assert shown == {theme_title(t, language).replace(ZWSP, "") for t in themes}
    finally:
        i18n.install_language("en")
