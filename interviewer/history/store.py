"""The folder of transcripts: saving a session, finding one by id, scanning them all.

One JSON file per session, named by its start time and id, so the folder
sorts by date. Saving goes through ``atomic_write`` after every change (the
answer before its grade), so nothing the candidate typed is lost. Reading
goes through ``history.schema``, which migrates old files. A scan over the
whole folder never stops on a bad file: it hands back ``(path, reason)`` to
be named in a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from interviewer.atomic_io import atomic_write
from interviewer.errors import UserError
from interviewer.history.schema import Transcript, TranscriptDigest, Unreadable, load_digest

T = TypeVar("T")


class TranscriptStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, transcript: Transcript) -> Path:
        return self.directory / transcript.file_name()

    def save(self, transcript: Transcript) -> Path:
        path = self.path_for(transcript)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            atomic_write(path, transcript.model_dump_json(indent=2, exclude_none=False) + "\n")
        except OSError as exc:
            raise UserError(f"{path}: cannot save the transcript: {exc.strerror or exc}") from None
        return path

    def files(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("*.json"))

    def find(self, reference: str) -> Path:
        """A path, a file name in the store, or a transcript id (or its start)."""
        candidate = Path(reference).expanduser()
        if candidate.is_file():
            return candidate
        matches = [p for p in self.files() if p.name == reference or reference in p.stem]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UserError(
                f"unknown transcript '{reference}' (not a file, nor an id in {self.directory})"
            )
        raise UserError(f"transcript '{reference}' is ambiguous: {len(matches)} files match")


def iter_digests(
    store: TranscriptStore, read: Callable[[Path, TranscriptDigest], T]
) -> Iterator[T | tuple[Path, str]]:
    """``read(path, digest)`` for every transcript, or ``(path, reason)`` for a bad one.

    For scans over the whole history (listing, progress): the digest holds the
    fields they read and loads many times faster than the whole transcript.
    """
    for path in store.files():
        try:
            yield read(path, load_digest(path))
        except Unreadable as exc:
            yield path, f"skipped, not a readable transcript ({exc.problem})"
        except UserError as exc:  # already worded for the user
            reason = str(exc).removeprefix(f"{path}: ")
            yield path, f"skipped, not a readable transcript ({reason})"
        except (
            OSError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
        ) as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            yield path, f"skipped, not a readable transcript ({type(exc).__name__}: {reason})"
