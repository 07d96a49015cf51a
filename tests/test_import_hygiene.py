"""The core never imports Textual, and ``interviewer --help`` stays light.

Each core module is imported in a fresh interpreter (an import already made
by another test would hide the problem), as harlequin's test does. The app
lives in ``interviewer/ui`` and is loaded only when it runs.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "interviewer"


def core_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        parts = relative.parts
        if parts[1:2] == ("ui",) or parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(parts))
    return modules


def loaded_after(code: str) -> subprocess.Popen[str]:
    probe = (
        "import sys\n"
        f"{code}\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(top & {'textual', 'openai', 'pydantic'})\n"
        "print(' '.join(heavy))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )


def test_the_list_of_core_modules_is_complete() -> None:
    modules = core_modules()
    assert {"interviewer.session.dialogue", "interviewer.history.schema", "interviewer.cli"} <= set(
        modules
    )
    assert "interviewer.commands.replay_cmd" in modules
    assert not any(m.startswith("interviewer.ui") for m in modules)


def test_no_core_module_imports_textual() -> None:
    # Started together, then collected: one fresh interpreter per module.
    probes = {m: loaded_after(f"import {m}") for m in core_modules()}
    offenders = {}
    for module, probe in probes.items():
        out, _ = probe.communicate(timeout=120)
        assert probe.returncode == 0, f"importing {module} failed"
        if "textual" in out.split():
            offenders[module] = out.strip()
    assert offenders == {}


def test_help_loads_neither_textual_nor_openai_nor_pydantic() -> None:
    probe = loaded_after(
        "from interviewer.cli import build_parser\n"
        "parser = build_parser()\n"
        "parser.format_help()\n"
        "for action in parser._subparsers._group_actions:\n"
        "    for sub in action.choices.values():\n"
        "        sub.format_help()"
    )
    out, _ = probe.communicate(timeout=120)
    assert probe.returncode == 0
    assert out.strip() == ""


def test_the_ui_package_itself_is_cheap_to_find() -> None:
    # practice_cmd asks importlib whether the app is installed; that must not load it.
    probe = loaded_after(
        "import importlib.util\nassert importlib.util.find_spec('interviewer.ui') is not None"
    )
    out, _ = probe.communicate(timeout=120)
    assert probe.returncode == 0 and out.strip() == ""


def imported_names(path: Path) -> set[str]:
    """Every module ``path`` imports, inside functions and ``TYPE_CHECKING`` blocks too.

    A deferred import is still an import: the cycles this guards against ran
    through imports inside functions, which a top-level scan cannot see.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            # ``from interviewer import commands`` imports a module too.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def offenders(paths: list[Path], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        bad = sorted(
            name
            for name in imported_names(path)
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        )
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    return found


UI = sorted((PACKAGE / "ui").rglob("*.py"))
FRONT_ENDS = ("interviewer.ui", "interviewer.commands", "interviewer.cli")


def test_the_app_never_reaches_back_into_the_command_line() -> None:
    assert len(UI) > 10  # the scan sees the whole app
    assert offenders(UI, ("argparse", "interviewer.commands", "interviewer.cli")) == {}


def test_the_core_never_imports_a_front_end() -> None:
    # plain/ is a front end too, but it needs no other: it is held to the same rule.
    front = {PACKAGE / "cli.py", PACKAGE / "__main__.py"}
    core = [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if p not in front and not {"ui", "commands"} & set(p.relative_to(PACKAGE).parts)
    ]
    assert PACKAGE / "session" / "prepare.py" in core
    assert PACKAGE / "grading" / "protocol.py" in core
    assert offenders(core, FRONT_ENDS) == {}


def test_the_evaluator_contract_imports_no_evaluator() -> None:
    # offline and llm import the contract; importing them back made a cycle.
    contract = imported_names(PACKAGE / "grading" / "protocol.py")
    assert not {
        n
        for n in contract
        if n.startswith(("interviewer.grading.offline", "interviewer.grading.llm"))
    }


def test_the_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    probe = PACKAGE / "ui" / "_probe_for_the_scan.py"
    source = "def f():\n    import argparse\n    from ..commands import common\n"
    try:
        probe.write_text(source, encoding="utf-8")
        names = imported_names(probe)
    finally:
        probe.unlink()
    assert {"argparse", "interviewer.commands", "interviewer.commands.common"} <= names


def test_every_library_the_package_imports_is_declared() -> None:
    # An import that works only because another dependency pulled it in
    # breaks the day that dependency stops doing so.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower() for r in project["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for name in imported_names(path):
            top = name.split(".")[0]
            if top and top not in sys.stdlib_module_names and top != "interviewer":
                used.update(d.lower() for d in distributions.get(top, [top]))
    assert {"httpx", "rich", "textual", "openai"} <= used
    assert used - declared == set()
