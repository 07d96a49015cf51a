"""The core never imports Textual, and ``interviewer --help`` stays light.

Each core module is imported in a fresh interpreter (an import already made
by another test would hide the problem), as harlequin's test does. The app
lives in ``interviewer/ui`` and is loaded only when it runs.
"""

from __future__ import annotations

import subprocess
import sys
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
    assert {"interviewer.dialogue", "interviewer.transcripts", "interviewer.cli"} <= set(modules)
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
