"""Draw the app icon (a speech bubble over a checklist, the colours of a UN-style blue) and
write resources/icons/app.png, app.ico and app.icns. Run once after changing the design:
QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f5fa8"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(40 * s, 44 * s, 176 * s, 130 * s), 28 * s, 28 * s)
    tail = QPainterPath()
    tail.moveTo(QPointF(78 * s, 168 * s))
    tail.lineTo(QPointF(62 * s, 214 * s))
    tail.lineTo(QPointF(118 * s, 170 * s))
    tail.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(bubble.united(tail))
    pen = QPen(QColor("#1f5fa8"), 14 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    for row, y in enumerate((82, 110, 138)):
        p.setPen(pen)
        p.drawLine(QPointF(112 * s, y * s), QPointF(184 * s, y * s))
        check = QPen(QColor("#2e9e5b"), 12 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                     Qt.PenJoinStyle.RoundJoin)
        p.setPen(check)
        p.drawPolyline([QPointF(70 * s, y * s), QPointF(80 * s, (y + 9) * s), QPointF(96 * s, (y - 9) * s)])
    p.end()
    return image


def main() -> None:
    QGuiApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(str(OUT / "app.png"))
    draw(64).save(str(OUT / "app-64.png"))
    if not big.save(str(OUT / "app.ico")):
        raise SystemExit("this Qt cannot write .ico")
    if not draw(512).save(str(OUT / "app.icns")):
        raise SystemExit("this Qt cannot write .icns")
    print("wrote", sorted(p.name for p in OUT.iterdir()))


if __name__ == "__main__":
    main()
