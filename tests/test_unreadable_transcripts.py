"""A transcript that is not UTF-8, not JSON or not a transcript: one line, or a skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.errors import UserError
from interviewer.history.listing import iter_listings
from interviewer.history.schema import load_transcript
from interviewer.history.store import TranscriptStore
from tests.conftest import run_cli
from tests.test_cli import assert_one_line_error

BAD = {
    "latin1.json": b"\xff\xfe\x00garbage",
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "list.json": b"[1, 2]",
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("command", ["export", "replay"])
def test_export_and_replay_name_the_file(tmp_path: Path, name: str, command: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name])
    assert_one_line_error(run_cli(command, str(path)), str(path), "not a transcript")


def test_not_utf8_is_said_in_words(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(BAD["latin1.json"])
    with pytest.raises(UserError, match="not UTF-8 text"):
        load_transcript(path)


def test_listing_warns_and_skips_each_unreadable_file(tmp_path: Path) -> None:
    for name, data in BAD.items():
        (tmp_path / name).write_bytes(data)
    skipped = [item[0].name for item in iter_listings(TranscriptStore(tmp_path))]
    assert sorted(skipped) == sorted(BAD)
    result = run_cli("transcripts", "--transcripts", str(tmp_path))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == len(BAD)
    for name in BAD:
        assert any(name in w and "skipped" in w for w in warnings), warnings
    assert any("not UTF-8 text" in w for w in warnings)
