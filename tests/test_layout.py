"""The package stays easy to find one's way in: small modules, packages that say their rules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "interviewer"
LIMIT = 400


def test_no_module_is_over_the_line_limit() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}


def test_every_package_says_what_lives_there_and_what_it_may_import() -> None:
    packages = [p.parent for p in PACKAGE.rglob("__init__.py")]
    assert len(packages) >= 8
    for package in packages:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"{package.relative_to(PACKAGE.parent)} has no docstring"


def test_the_top_level_packages_state_their_imports() -> None:
    for name in ("content", "grading", "history", "session", "reports", "plain", "ui", "commands"):
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text("utf-8")))
        assert doc is not None and "May import" in doc, name
