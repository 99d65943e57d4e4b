"""The central office's long writes say how far they are (issue 18): the report (PDF, Word,
Excel), the master export and the matrix report progress that moves, by phases and rows, and
stop when cancelled, leaving what stood at the target as it was and no temporary file behind."""

from __future__ import annotations

import pytest

from consultation_app.exchange.master_export import write_master_export
from consultation_app.exchange.matrix import write_matrix
from consultation_app.exchange.progress import REPORTS_PER_RUN, WriteCancelled
from consultation_app.exchange.report import write_report
from consultation_app.services.demo import add_demo_data

# The Word draft's charts are drawn with Qt: the session's QApplication first (pytest-qt's),
# not a bare QGuiApplication that the widget tests after this file could not use.
pytestmark = pytest.mark.usefixtures("qapp")

@pytest.fixture
def office(workspace):
    add_demo_data(workspace, 12, seed=5, feedback_mean=10)
    return workspace


WRITERS = {
    "report.pdf": lambda ws, out, **kw: write_report(ws.database_path, out, ws.reference, **kw),
    "report.docx": lambda ws, out, **kw: write_report(ws.database_path, out, ws.reference, **kw),
    "report.xlsx": lambda ws, out, **kw: write_report(ws.database_path, out, ws.reference, **kw),
    "master.xlsx": lambda ws, out, **kw: write_master_export(ws.database_path, out, ws.reference, **kw),
    "matrix.xlsx": lambda ws, out, **kw: write_matrix(ws.database_path, out, ws.reference, **kw),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_long_write_reports_progress_that_moves_to_its_end(office, tmp_path, name):
    said: list[tuple[int, int]] = []
    WRITERS[name](office, tmp_path / name, progress=lambda done, total: said.append((done, total)))
    assert (tmp_path / name).stat().st_size > 0
    dones = [done for done, _ in said]
    assert dones == sorted(dones), said  # never backwards
    assert all(0 <= done <= total for done, total in said), said
    assert said[0][0] == 0 and said[-1][0] == said[-1][1], said  # from nothing to the whole
    assert len(set(dones)) >= 3, said  # it moves: more than a start and an end
    assert len(said) <= REPORTS_PER_RUN * 2 + 10, len(said)  # not a signal per cell
    if name != "report.xlsx":  # rows counted: the total is many steps, not only phases
        assert said[-1][1] > 10, said


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_cancelled_write_leaves_the_target_as_it_was(office, tmp_path, name):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / name
    target.write_bytes(b"last week's file")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # after reading, mid-way

    with pytest.raises(WriteCancelled, match="cancelled; nothing was written"):
        WRITERS[name](office, target, progress=lambda done, total: None, cancelled=cancelled)
    assert target.read_bytes() == b"last week's file"
    assert sorted(p.name for p in target.parent.iterdir()) == [name]  # no temporary file left


def test_without_a_progress_callback_the_writers_run_as_before(office, tmp_path):
    result = write_matrix(office.database_path, tmp_path / "matrix.xlsx", office.reference)
    assert result.recommendations > 0


def _open_fonts() -> list[str]:
    import os

    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.endswith(".ttf"):
            found.append(target)
    return found


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self/fd"), reason="needs /proc")
def test_a_pdf_cancelled_midway_leaves_no_font_file_open(office, tmp_path):
    """fpdf2 keeps each font's file open until the PDF is output: a write stopped before that
    closes them itself (left to the garbage collector, they were reported as unclosed files
    in whichever test ran next)."""
    before = _open_fonts()
    asked = []
    with pytest.raises(WriteCancelled):
        write_report(office.database_path, tmp_path / "report.pdf", office.reference,
                     cancelled=lambda: asked.append(1) or len(asked) > 4)
    assert _open_fonts() == before
