"""The floors of the code, as rules that fail when broken (docs/developing.md explains them):

    cli, ui  >  services, exchange  >  storage  >  domain  >  paths, errors

Nothing imports upward; only storage runs SQL; only ui imports QtWidgets. Read from the
source with ``ast``, so a rule cannot be dodged by importing inside a function."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "consultation_app"
# The command line starts the desktop app, so cli sits above ui; paths, errors and the package's
# version are the ground floor and may use each other.
FLOOR = {"paths": 0, "errors": 0, "targets": 0, "__init__": 0, "domain": 1, "storage": 2, "services": 3,
         "exchange": 3, "ui": 4, "cli": 5, "__main__": 6}
# Floors whose modules may import each other.
SHARED_FLOORS = {"services", "exchange", "paths", "errors", "targets", "__init__"}
SQL_METHODS = {"execute", "executemany", "executescript"}
SQL_TEXT = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|SELECT|INSERT|UPDATE|DELETE|"
                      r"CREATE|DROP|ALTER|VACUUM|ATTACH|DETACH|WITH)\b", re.IGNORECASE)
# Words that begin ordinary sentences too: a string is SQL only with SQL after them.
SQL_PROSE = re.compile(r"^\s*(with|update|select|delete|create|drop|release|alter|attach|detach)\b\s+\w+\s+\w+",
                       re.IGNORECASE)
SQL_SHAPE = re.compile(r"\b(FROM|INTO|SET|TABLE|INDEX|SAVEPOINT|TRANSACTION|IMMEDIATE|WHERE|VALUES)\b|"
                       r"^\s*PRAGMA\b|^\s*(BEGIN|COMMIT|ROLLBACK|VACUUM)\s*$")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def floor_name(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported(tree: ast.AST, path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, relative ones resolved."""
    package = ["consultation_app", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def app_floor(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "consultation_app":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_sits_on_a_known_floor():
    unknown = sorted({floor_name(path) for path in modules()} - set(FLOOR))
    assert not unknown, f"add these to FLOOR and to docs/developing.md: {unknown}"


def test_nothing_imports_upward():
    problems = []
    for path in modules():
        own = floor_name(path)
        for line, module in imported(ast.parse(path.read_text(encoding="utf-8")), path):
            other = app_floor(module)
            if other is None or other == own or other not in FLOOR:
                continue
            if FLOOR[other] > FLOOR[own] or (FLOOR[other] == FLOOR[own] and own not in SHARED_FLOORS):
                problems.append(f"{path.relative_to(PACKAGE)}:{line}: {own} imports {module} ({other})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("floor, forbidden", [
    ("domain", ("consultation_app.paths", "consultation_app.storage", "PySide6", "sqlite3", "sqlite_utils",
                "sqlcipher3", "openpyxl", "xlsxwriter", "python_calamine")),
    ("storage", ("consultation_app.exchange", "consultation_app.services", "consultation_app.ui",
                 "consultation_app.cli", "PySide6")),
    ("services", ("consultation_app.ui", "consultation_app.cli", "PySide6.QtWidgets")),
    ("exchange", ("consultation_app.ui", "consultation_app.cli", "PySide6.QtWidgets")),
])
def test_floor_does_not_import(floor, forbidden):
    problems = []
    for path in modules():
        if floor_name(path) != floor:
            continue
        for line, module in imported(ast.parse(path.read_text(encoding="utf-8")), path):
            if any(module == name or module.startswith(name + ".") for name in forbidden):
                problems.append(f"{path.relative_to(PACKAGE)}:{line}: imports {module}")
    assert not problems, "\n".join(problems)


def test_only_ui_imports_qtwidgets():
    problems = [f"{path.relative_to(PACKAGE)}:{line}: {module}"
                for path in modules() if floor_name(path) != "ui"
                for line, module in imported(ast.parse(path.read_text(encoding="utf-8")), path)
                if module.startswith("PySide6.QtWidgets")]
    assert not problems, "\n".join(problems)


def sql_uses(path: Path) -> list[str]:
    """Calls of execute/executemany/executescript, and string constants that are SQL statements."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_METHODS:
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: .{node.func.attr}(...)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if SQL_TEXT.match(text) and SQL_SHAPE.search(text) and not (SQL_PROSE.match(text) and not
                                                                          re.search(r"\b(FROM|INTO|SET|TABLE)\b",
                                                                                    text)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: SQL text {text[:40]!r}")
    return found


def test_only_storage_runs_sql():
    problems = [problem for path in modules() if floor_name(path) != "storage" for problem in sql_uses(path)]
    assert not problems, "SQL belongs in storage/:\n" + "\n".join(problems)


def test_the_sql_detector_finds_what_it_must(tmp_path):
    """The rule above cannot pass by being blind: it sees each way SQL is run."""
    sample = PACKAGE / "exchange" / "_layer_probe.py"
    sample.write_text('def f(db):\n    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")\n    db.conn.executemany(q, [])\n'
                      '    x = "SAVEPOINT merge_group"\n    y = "BEGIN IMMEDIATE"\n'
                      '    z = "SELECT code FROM recommendations"\n    ok = "Select the file to merge"\n',
                      encoding="utf-8")
    try:
        found = sql_uses(sample)
    finally:
        sample.unlink()
    assert [item.split(": ", 1)[1][:12] for item in found].count(".execute(...") == 1
    assert sum("executemany" in item for item in found) == 1
    for text in ("PRAGMA wal", "SAVEPOINT merge", "BEGIN IMMEDIATE", "SELECT code"):
        assert any(text in item for item in found), (text, found)
    assert not any("Select the file" in item for item in found)
