"""`make run` and the installed command see the same transcripts: one default folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


@pytest.mark.skipif(
    shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists(),
    reason="needs make and the .venv that `make test` builds",
)
def test_make_run_lists_the_same_folder_as_the_command(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEWER_TRANSCRIPTS"}
    env.pop("MAKEFLAGS", None)
    made = subprocess.run(
        ["make", "-s", "--no-print-directory", "run", "ARGS=transcripts"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    direct = run_cli("transcripts", env={"INTERVIEWER_TRANSCRIPTS": ""})
    default = Path(env["XDG_DATA_HOME"]) / "interviewer" / "transcripts"
    assert made.stdout == direct.stdout == f"No transcripts in {default}\n"
