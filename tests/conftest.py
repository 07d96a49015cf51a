"""Shared fixtures: every test runs with its own empty user directories.

Nothing a developer has configured (API keys, base URLs, banks, config
files, transcripts) may leak into a test, and no test may write outside its
temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interviewer.content.bank import Library, load_library
from interviewer.grading.offline import OfflineEvaluator

ROOT = Path(__file__).resolve().parent.parent
_CLEARED = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "INTERVIEWER_MODEL",
    "INTERVIEWER_BANKS",
    "INTERVIEWER_CONFIG",
    "INTERVIEWER_TRANSCRIPTS",
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("INTERVIEWER_TRANSCRIPTS", str(tmp_path / "transcripts"))
    return tmp_path


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="session")
def offline(library: Library) -> OfflineEvaluator:
    return OfflineEvaluator(library.bank)


class Clock:
    """A frozen clock that moves only when told, for repeatable timestamps."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real ``interviewer`` command in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "interviewer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.fixture
def user_bank(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "mybank"
    folder.mkdir()
    yield folder
