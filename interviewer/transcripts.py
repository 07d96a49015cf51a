"""Transcripts, in one import: the schema, the store and the listing.

The work is split by job: ``transcript_schema`` (the record, its versions
and migrations, reading a file), ``transcript_store`` (the folder: saving,
finding, scanning), ``transcript_listing`` (one row per session) and
``atomic_io`` (whole-file writes). Modules outside the history code import
these names from here until the package move gives them one home.
"""

from __future__ import annotations

from interviewer.atomic_io import atomic_write
from interviewer.transcript_listing import Listing, iter_listings
from interviewer.transcript_schema import (
    SCHEMA_VERSION,
    CriterionAverage,
    RubricUse,
    Settings,
    Summary,
    Transcript,
    Turn,
    load_transcript,
    new_id,
    now,
)
from interviewer.transcript_store import TranscriptStore

__all__ = [
    "SCHEMA_VERSION",
    "CriterionAverage",
    "Listing",
    "RubricUse",
    "Settings",
    "Summary",
    "Transcript",
    "TranscriptStore",
    "Turn",
    "atomic_write",
    "iter_listings",
    "load_transcript",
    "new_id",
    "now",
]
