"""A non-editable install finds its bank, rubrics and prompts from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_its_data_and_runs_from_elsewhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("interviewer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("bank", "rubrics", "prompts"):
        assert any(n.startswith(f"interviewer/_data/{folder}/") for n in names), folder
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        f"import sys; sys.path.insert(0, {str(target)!r}); import interviewer; "
        f"assert interviewer.__file__.startswith({str(target)!r}), interviewer.__file__; "
        "from interviewer.cli import main; raise SystemExit(main(['bank', 'validate']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=elsewhere, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ") and "model-selection" in result.stdout
