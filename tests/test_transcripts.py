from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from interviewer.atomic_io import atomic_write
from interviewer.errors import UserError
from interviewer.history import schema
from interviewer.history.listing import Listing, iter_listings
from interviewer.history.schema import (
    SCHEMA_VERSION,
    GradeDigest,
    Settings,
    Transcript,
    TurnDigest,
    final_turns,
    load_digest,
    load_transcript,
)
from interviewer.history.store import TranscriptStore
from tests.conftest import Clock, run_cli
from tests.test_cli import assert_one_line_error


def sample(clock: Clock, tid: str = "abc123") -> Transcript:
    return Transcript(id=tid, started_at=clock(), settings=Settings(topics=["algorithms"]))


def test_round_trip(tmp_path: Path, clock: Clock) -> None:
    store = TranscriptStore(tmp_path)
    transcript = sample(clock)
    path = store.save(transcript)
    assert load_transcript(path) == transcript
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION


def test_atomic_write_leaves_no_temp_files_and_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "f.json"
    target.parent.mkdir()  # the store makes its folder; atomic_write makes none
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert os.listdir(target.parent) == ["f.json"]


def test_newer_schema_is_refused_clearly(tmp_path: Path, clock: Clock) -> None:
    path = TranscriptStore(tmp_path).save(sample(clock))
    data = json.loads(path.read_text())
    data["schema_version"] = 99
    path.write_text(json.dumps(data))
    with pytest.raises(UserError, match=r"schema_version.*newer"):
        load_transcript(path)


def test_a_newer_file_is_one_line_and_status_2_and_a_skip_in_the_listing(
    tmp_path: Path, clock: Clock
) -> None:
    path = TranscriptStore(tmp_path).save(sample(clock))
    data = json.loads(path.read_text())
    data["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    assert_one_line_error(run_cli("export", str(path)), str(path), "newer than this program")
    listing = run_cli("transcripts", "--transcripts", str(tmp_path))
    assert listing.returncode == 0 and "Traceback" not in listing.stderr
    (warning,) = listing.stderr.strip().splitlines()
    assert path.name in warning and "skipped" in warning and "newer" in warning


@pytest.mark.parametrize("version", [0, -3, True, "2"])
def test_a_version_that_is_none_is_refused(tmp_path: Path, version: object) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"schema_version": version, "id": "x"}))
    with pytest.raises(UserError, match="field 'schema_version'"):
        load_transcript(path)
    with pytest.raises(UserError, match="field 'schema_version'"):
        load_digest(path)


def test_the_listing_reads_a_saved_file_without_parsing_it_in_python(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path: pydantic validates the digest straight from the bytes."""
    store = TranscriptStore(tmp_path)
    store.save(sample(clock, "fast"))

    def slow(raw: bytes, path: Path) -> object:
        raise AssertionError(f"{path} was parsed and migrated in Python")

    monkeypatch.setattr(schema, "_record", slow)
    (row,) = iter_listings(store)
    assert isinstance(row, Listing) and row.id == "fast" and row.topics == ["algorithms"]
    assert row.started_at.tzinfo is not None


def test_bad_files_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "id": ')
    with pytest.raises(UserError, match=re.escape(str(broken))):
        load_transcript(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"schema_version": 1, "id": "x"}')
    with pytest.raises(UserError, match="field 'started_at'"):
        load_transcript(wrong)


def test_listing_skips_and_names_corrupt_files(tmp_path: Path, clock: Clock) -> None:
    store = TranscriptStore(tmp_path)
    store.save(sample(clock, "good1"))
    store.save(sample(clock, "good2"))
    (tmp_path / "half.json").write_text('{"schema_version": 1, "id": "x", "sett')
    items = list(iter_listings(store))
    good = [i for i in items if isinstance(i, Listing)]
    bad = [i for i in items if not isinstance(i, Listing)]
    assert sorted(i.id for i in good) == ["good1", "good2"]
    assert len(bad) == 1 and bad[0][0].name == "half.json"


def test_find_by_id_or_path(tmp_path: Path, clock: Clock) -> None:
    store = TranscriptStore(tmp_path)
    path = store.save(sample(clock, "deadbeef"))
    assert store.find("deadbeef") == path
    assert store.find(str(path)) == path
    with pytest.raises(UserError, match="unknown transcript 'nope'"):
        store.find("nope")


def test_final_turns_are_each_questions_last_graded_turn() -> None:
    grade = GradeDigest(overall=3, rubric="general", criteria=[])

    def turn(qid: str, graded: bool) -> TurnDigest:
        return TurnDigest(question_id=qid, topic="t", feedback=grade if graded else None)

    turns = [turn("a", True), turn("a", True), turn("b", False), turn("c", True), turn("a", False)]
    assert final_turns(turns) == {"a": 1, "c": 3}
    assert final_turns([]) == {}
