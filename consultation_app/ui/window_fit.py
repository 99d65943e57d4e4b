"""Windows open inside the screen they are on and remember their size and maximised state.

Field laptops have 1366x768 or 1024x600 screens, often at 150% scaling (a 911x512 logical
screen): a fixed 1400x860 window opened partly off-screen. The placement is computed from the
screen's available geometry by plain functions that tests call with a made-up QRect."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

from consultation_app.errors import AppError
from consultation_app.storage import errors, settings_store

# Room left for the window manager's title bar and borders, which Qt does not count in geometry().
FRAME_ALLOWANCE = QSize(8, 36)


def fitted_rect(wanted: QSize, available: QRect, saved: QRect | None = None) -> QRect:
    """Where a window goes: its saved place if that still lies on the screen (clamped to it),
    else the wanted size (shrunk to fit) centred on the screen."""
    room = QSize(max(available.width() - FRAME_ALLOWANCE.width(), 200),
                 max(available.height() - FRAME_ALLOWANCE.height(), 150))
    size = (saved.size() if saved is not None and saved.isValid() else wanted).boundedTo(room)
    if saved is not None and saved.isValid() and available.intersects(saved):
        top_left = saved.topLeft()
    else:
        top_left = available.center() - QPoint(size.width() // 2, size.height() // 2)
    x = min(max(top_left.x(), available.left()), available.left() + available.width() - size.width())
    y = min(max(top_left.y(), available.top() + FRAME_ALLOWANCE.height() // 2),
            available.top() + available.height() - size.height() - FRAME_ALLOWANCE.height() // 2)
    return QRect(QPoint(x, max(y, available.top())), size)


def opens_maximised(wanted: QSize, available: QRect, saved_maximised: bool | None) -> bool:
    """Maximised as the user left it; the first time, when the wanted size does not fit."""
    if saved_maximised is not None:
        return saved_maximised
    return wanted.width() > available.width() or wanted.height() > available.height() - FRAME_ALLOWANCE.height()


def parse_saved(text: str | None) -> tuple[QRect | None, bool | None]:
    """A stored "x y width height maximised" (see remember_window); anything else counts as nothing."""
    try:
        x, y, width, height, maximised = (int(part) for part in (text or "").split())
    except ValueError:
        return None, None
    rect = QRect(x, y, width, height)
    return (rect if rect.isValid() else None), bool(maximised)


def available_geometry(widget: QWidget) -> QRect:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry()


_OPENS_MAXIMISED = "opens_maximised"  # a Qt property place_window sets for show_placed


def place_window(widget: QWidget, db, key: str, wanted: QSize, available: QRect | None = None) -> None:
    """Size and place ``widget`` (before it is shown) from what was saved under ``key``. Its
    layout's least size must fit a 911x512 screen (1366x768 at 150%): what is taller scrolls."""
    available = available if available is not None else available_geometry(widget)
    try:
        saved, maximised = parse_saved(settings_store.get(db, key))
    except AppError:  # the central server went away: the window opens at its default size
        saved, maximised = None, None
    widget.setGeometry(fitted_rect(wanted, available, saved))
    widget.setProperty(_OPENS_MAXIMISED, opens_maximised(wanted, available, maximised))


def show_placed(widget: QWidget) -> None:
    """Show a window placed by place_window, maximised if it should be."""
    if widget.property(_OPENS_MAXIMISED):
        widget.showMaximized()
    else:
        widget.show()


def remember_window(widget: QWidget, db, key: str) -> None:
    """Store the window's normal (unmaximised) geometry and whether it is maximised."""
    rect = widget.normalGeometry() if widget.isMaximized() else widget.geometry()
    if not rect.isValid():
        rect = widget.geometry()
    try:
        settings_store.put(db, key, f"{rect.x()} {rect.y()} {rect.width()} {rect.height()} "
                                    f"{1 if widget.isMaximized() else 0}")
    except AppError:
        pass  # a window hidden while the app closes its database: its size is not worth an error
    except errors.DATABASE_ERRORS:
        pass  # as above
