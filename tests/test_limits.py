"""Limits the program used to apply without a word: now each is said, or refused."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.store import TranscriptStore
from tests.conftest import run_cli
from tests.sessions import run_session, strong
from tests.test_cli import assert_one_line_error


def test_more_questions_than_the_bank_holds_is_said(tmp_path: Path, library: Library) -> None:
    folder = tmp_path / "t"
    done = run_cli("practice", "--plain", "--questions", "1000", "--transcripts", str(folder))
    assert done.returncode == 0, done.stderr
    total = len(library.bank)
    assert f"only {total} questions in the bank; asking {total}, not 1000" in done.stderr
    assert f"interviewer: {total} question(s)" in done.stdout
    saved = json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))
    assert saved["settings"]["questions"] == total  # the transcript says what was asked


def test_more_questions_than_match_the_filters_is_said(tmp_path: Path, library: Library) -> None:
    matching = [q for q in library.bank if q.topic == "algorithms" and q.difficulty == "easy"]
    done = run_cli(
        "practice",
        "--plain",
        "--topic",
        "algorithms",
        "--difficulty",
        "easy",
        "--questions",
        "50",
        "--transcripts",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert f"only {len(matching)} questions match the chosen topics and difficulty" in done.stderr


def test_a_request_the_bank_can_meet_says_nothing(tmp_path: Path) -> None:
    done = run_cli("practice", "--plain", "--questions", "2", "--transcripts", str(tmp_path))
    assert done.returncode == 0 and "note:" not in done.stderr


def test_an_empty_bank_folder_is_warned_about(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "blank").mkdir()
    (tmp_path / "blank" / "nothing.toml").write_text("# no questions yet\n", encoding="utf-8")
    for folder in (empty, tmp_path / "blank"):
        done = run_cli("bank", "validate", "--bank", str(folder))
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip() == (
            f"interviewer: warning: {folder}: no questions in this bank folder"
        )
    assert run_cli("bank", "validate").stderr == ""


@pytest.fixture
async def saved(tmp_path: Path, library: Library, offline: OfflineEvaluator) -> Path:
    store = TranscriptStore(tmp_path / "store")
    transcript = await run_session(library, offline, store, strong, questions=1)
    return store.path_for(transcript)


def test_export_to_a_missing_folder_names_it(saved: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    done = run_cli("export", str(saved), "-o", str(missing / "x.md"))
    assert_one_line_error(done, str(missing), "no such folder")
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_reports_follow_the_umask_and_transcripts_stay_private(
    saved: Path, tmp_path: Path, umask: int
) -> None:
    out = tmp_path / "report.md"
    old = os.umask(umask)
    try:
        done = run_cli("export", str(saved), "-o", str(out))
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
