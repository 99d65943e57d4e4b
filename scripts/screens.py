"""Screenshots of the app as a new user meets it, on a given screen: the whole X screen is
grabbed (what is off-screen is missing), for docs/screens/ and for checking fit by eye.

  xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python scripts/screens.py --view feedback --language km
  QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screens.py --view dashboard

Views: details, consent and attachments (Details scrolled there), feedback, notes, dashboard, import,
conflicts, first-run, and menus: each menu of the menu bar open in turn, one PNG each
(menu-<file|edit|capture|view|reports|tools>-<language>-<screen>.png). The window opens as the app opens it
(no resize here): the point is to see where the app puts it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from consultation_app import paths

VIEWS = ("details", "consent", "attachments", "feedback", "notes", "dashboard", "import", "first-run", "person-consent",
         "conflicts", "menus")
MENUS = ("file", "edit", "capture", "view", "reports", "tools")  # the main window's menu bar, in its order


def _attach_samples(workspace, consultation_uuid: str, folder: Path) -> None:
    """A flip chart, an attendance sheet and a recording, as a field officer would add them."""
    import io
    import wave

    from PIL import Image, ImageDraw

    from consultation_app.services import attachments

    for name, kind, colour, caption in (("flipchart.jpg", "photo", (250, 250, 240), "Flip chart: land group"),
                                        ("attendance.png", "attendance", (235, 240, 250), "")):
        image = Image.new("RGB", (640, 480), colour)
        draw = ImageDraw.Draw(image)
        for row in range(8):
            draw.line((40, 60 + row * 50, 600, 60 + row * 50), fill=(40, 60, 160), width=3)
        image.save(folder / name)
        attachments.add_file(workspace.records, consultation_uuid, folder / name, kind, caption)
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\x00\x01" * 8000)
    (folder / "meeting.wav").write_bytes(out.getvalue())
    attachments.add_file(workspace.records, consultation_uuid, folder / "meeting.wav", "audio", sensitive=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--view", choices=VIEWS, default="feedback")
    parser.add_argument("--language", default="en")
    parser.add_argument("--out", help="PNG path (default docs/screens/<view>-<language>-<screen>.png)")
    parser.add_argument("--final", action="store_true", help="show a finalised consultation")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QScrollArea

    from consultation_app.domain.records import CONSULTATION
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import settings_store
    from consultation_app.ui.app import ensure_app, load_fonts
    from consultation_app.ui.i18n import compile_translations, install_language

    with tempfile.TemporaryDirectory() as folder:
        paths.set_data_dir(folder)
        app = ensure_app()
        load_fonts()
        compile_translations()
        install_language(args.language)
        screen = app.primaryScreen()
        size = screen.size()
        scale = app.devicePixelRatio() if hasattr(app, "devicePixelRatio") else 1
        tag = f"{size.width()}x{size.height()}" + (f"@{scale:g}x" if scale != 1 else "")
        out = args.out or str(Path(__file__).resolve().parents[1] / "docs" / "screens"
                              / f"{args.view}-{args.language}-{tag}.png")
        workspace = Workspace()
        settings_store.put(workspace.db, settings_store.DEVICE_NAME, "ratanakiri-laptop-2")
        keep = []
        if args.view == "first-run":
            from consultation_app.ui.first_run import FirstRunDialog

            dialog = FirstRunDialog(workspace.reference, "")
            if args.language == "km":
                dialog.language.setCurrentIndex(dialog.language.findData("km"))
            dialog.show()
            keep.append(dialog)
        else:
            from consultation_app.ui.main_window import MainWindow

            add_demo_data(workspace, 24, seed=7, feedback_mean=12)
            from consultation_app.ui.window_fit import show_placed

            window = MainWindow(workspace, args.language)
            show_placed(window)
            keep.append(window)
            rows = [window.browser.model.row_data(i) for i in range(window.browser.model.rowCount())]
            chosen = next((r for r in rows if r["stakeholder_group"] == "indigenous_communities"), rows[0])
            window.browser.select(chosen["uuid"])
            want = "final" if args.final else "draft"
            if chosen["status"] != want:
                workspace.records.update(CONSULTATION, chosen["uuid"], {"status": want})
                window.reload_consultations()
                window.open_consultation(chosen["uuid"])
            if args.view == "details":
                window.tabs.setCurrentIndex(0)
            elif args.view in ("consent", "attachments"):
                from consultation_app.services import consent as consent_service
                from consultation_app.ui.consent_panel import ConsentPanel

                consent_service.record(workspace.records, {
                    "consultation_uuid": chosen["uuid"], "given": "written", "text_version": "form v2, 2024",
                    "quotes": True, "attribution": "group", "visibility": "central_office",
                    "retain_until": "2031-12-31"})
                _attach_samples(workspace, chosen["uuid"], Path(folder))
                window.open_consultation(chosen["uuid"])
                window.tabs.setCurrentIndex(0)
                panel = window.findChild(ConsentPanel) if args.view == "consent" else window.attachments_panel
                QTimer.singleShot(300, lambda: window.form.findChild(QScrollArea).ensureWidgetVisible(panel))
            elif args.view == "feedback":
                window.tabs.setCurrentIndex(1)
                window.recs.select("KH3-44")
            elif args.view == "person-consent":  # a named quote; the box itself saved beside the PNG
                from consultation_app.domain.records import FEEDBACK

                window.tabs.setCurrentIndex(1)
                window.recs.select("KH3-44")
                row = workspace.records.create(FEEDBACK, {
                    "consultation_uuid": chosen["uuid"], "catalog_id": window.catalog_id,
                    "recommendation_code": "KH3-44", "comment": "Land titles were never explained.",
                    "quote": "We were never asked about the land.", "attributed_to": "Ms Chan Sophea"})
                window.after_structure_change(FEEDBACK, row["uuid"])
                box = window.feedback.person_consent
                QTimer.singleShot(600, lambda: box.grab().save(out.replace(".png", "-box.png")))
            elif args.view == "notes":
                window.tabs.setCurrentIndex(2)
            elif args.view == "dashboard":
                keep.append(window.open_dashboard())
            elif args.view == "import":
                keep.append(_import_with_results(window, Path(folder)))
            elif args.view == "conflicts":
                keep.append(_conflicts_to_review(window, Path(folder)))

        def shoot() -> None:
            screen.grabWindow(0).save(out)
            print(out)
            app.quit()

        if args.view == "menus":
            _shoot_menus(app, screen, keep[0], out)
        else:
            QTimer.singleShot(800, shoot)  # after the window manager (if any) and layouts have settled
        app.exec()
        for widget in keep:
            widget.close()
            widget.deleteLater()
        app.processEvents()
        workspace.close()
    return 0


def _shoot_menus(app, screen, window, out: str) -> None:
    """Each menu of the window's menu bar open in turn (as a click on its title opens it), the
    whole screen grabbed with it: menu-<name>-<language>-<screen>.png beside ``out``."""
    from PySide6.QtCore import QTimer

    bar = window.menuBar()
    todo = list(zip(MENUS, bar.actions(), strict=True))

    def next_menu() -> None:
        for action in bar.actions():
            action.menu().hide()
        if not todo:
            app.quit()
            return
        name, action = todo.pop(0)
        bar.setActiveAction(action)

        def shoot() -> None:
            path = out.replace("menus-", f"menu-{name}-", 1)
            screen.grabWindow(0).save(path)
            print(path)
            next_menu()

        QTimer.singleShot(700, shoot)  # the menu shown and painted

    QTimer.singleShot(800, next_menu)


def _import_with_results(window, folder: Path):
    """The Import window after a merge of three files: one merged, one merged before (already
    merged), and a Word document renamed .xlsx (rejected): each status and message shows."""
    import io
    import zipfile

    from consultation_app.exchange.export import export_package
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.ui.background import Background

    files = []
    for name, seed in (("kampot-laptop-1", 11), ("ratanakiri-laptop-3", 12)):
        with Workspace(database_path=folder / f"{name}.sqlite3") as laptop:
            add_demo_data(laptop, 2, seed, feedback_mean=4)
            files.append(export_package(laptop.database_path, folder / f"{name}.xlsx", laptop.reference).path)
    merge_paths(window.workspace.database_path, files[:1], window.workspace.reference)
    minutes = folder / "meeting-minutes.xlsx"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    minutes.write_bytes(data.getvalue())
    import_window = window.open_import_window()
    Background.synchronous = True
    import_window.add_paths([*files, minutes])
    import_window.start()
    Background.synchronous = False
    import_window.table.selectRow(2)
    return import_window


def _conflicts_to_review(window, folder: Path):
    """The conflicts window over the Import window after a laptop's data folder was copied to a
    second laptop and both changed one entry: the version from the copy waits for review, and
    the window says why (two laptops, one identity), naming the consultation by its title."""
    import shutil

    from consultation_app.domain.records import CONSULTATION, FEEDBACK
    from consultation_app.exchange.export import export_package
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import settings_store

    def merged(path: Path) -> None:
        merge_paths(window.workspace.database_path, [path], window.workspace.reference)

    def exported(laptop, name: str, since_last: bool = True) -> Path:
        return export_package(laptop.database_path, folder / name, laptop.reference, since_last=since_last,
                              include_sensitive=True).path

    first = folder / "laptop-a" / "consultations.sqlite3"
    first.parent.mkdir()
    with Workspace(database_path=first) as laptop:
        settings_store.put(laptop.db, settings_store.DEVICE_NAME, "kampot-laptop-1")
        add_demo_data(laptop, 2, 11, feedback_mean=4)
        entry, consultation = laptop.db.execute("SELECT uuid, consultation_uuid FROM feedback WHERE deleted = 0 "
                                                "ORDER BY uuid").fetchone()
        laptop.records.update(CONSULTATION, consultation, {"status": "draft"})  # still being written up
        merged(exported(laptop, "kampot-1.xlsx", since_last=False))
    shutil.copytree(first.parent, folder / "laptop-b")
    with Workspace(database_path=first) as laptop:
        laptop.records.update(FEEDBACK, entry, {"comment": "The commune council was not told of the plan."})
        merged(exported(laptop, "kampot-2.xlsx"))
    with Workspace(database_path=folder / "laptop-b" / "consultations.sqlite3") as copy:
        copy.records.update(FEEDBACK, entry, {"comment": "Nobody asked the villagers before the land was cleared."})
        exported(copy, "copy-2.xlsx")  # never reaches the office
        merged(exported(copy, "copy-3.xlsx", since_last=False))
    import_window = window.open_import_window()
    return import_window.review_conflicts()


if __name__ == "__main__":
    sys.exit(main())
