"""Run by test_crash_safety: the real main window, typing into a feedback comment one
keystroke every few milliseconds, reporting each keystroke on stdout, until killed."""

import sys

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from consultation_app import paths
from consultation_app.services.workspace import Workspace
from consultation_app.ui.app import ensure_app
from consultation_app.ui.main_window import MainWindow

TEXT = "People in the village say the land commission never came back. " * 20


def main() -> None:
    paths.set_data_dir(sys.argv[1])
    interval_ms = int(sys.argv[2])
    app = ensure_app()
    workspace = Workspace()
    window = MainWindow(workspace)
    window.show()
    window.new_consultation()
    window.find_recommendation()
    window.recs.select("KH3-44")
    window.new_feedback()
    comment = window.feedback.binder.widgets["comment"]
    typed = []

    def keystroke() -> None:
        char = TEXT[len(typed)]
        QApplication.sendEvent(comment, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                  Qt.KeyboardModifier.NoModifier, char))
        typed.append(char)
        sys.stdout.write(f"{len(typed)}\n")
        sys.stdout.flush()

    timer = QTimer()
    timer.timeout.connect(keystroke)
    timer.start(interval_ms)
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
