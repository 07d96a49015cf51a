"""Options several commands share, and turning them into core objects."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.bank import Library
    from interviewer.config import LLMSettings
    from interviewer.evaluation import Evaluator
    from interviewer.transcripts import TranscriptStore


def add_bank_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bank",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="another folder of question files (repeatable; also INTERVIEWER_BANKS)",
    )


def add_llm_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("evaluator")
    group.add_argument(
        "--offline", action="store_true", help="grade with the built-in offline evaluator"
    )
    group.add_argument("--model", help="chat model for LLM grading (default: INTERVIEWER_MODEL)")
    group.add_argument(
        "--base-url", help="OpenAI-compatible server (default: OPENAI_BASE_URL; no key needed)"
    )


def add_transcripts_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--transcripts",
        type=Path,
        metavar="DIR",
        help="where transcripts are saved (default: INTERVIEWER_TRANSCRIPTS, "
        "else ~/.local/share/interviewer/transcripts)",
    )


def library(args: argparse.Namespace) -> Library:
    import sys

    from interviewer.bank import load_library

    lib = load_library(list(getattr(args, "bank", []) or []))
    for folder in lib.bank.empty_folders:
        print(f"interviewer: warning: {folder}: no questions in this bank folder", file=sys.stderr)
    return lib


def llm_settings(args: argparse.Namespace) -> LLMSettings:
    from interviewer.config import load_llm_settings

    return load_llm_settings(
        model=getattr(args, "model", None),
        base_url=getattr(args, "base_url", None),
        offline=bool(getattr(args, "offline", False)),
    )


def evaluator(args: argparse.Namespace, lib: Library) -> Evaluator:
    from interviewer.evaluation import make_evaluator

    return make_evaluator(llm_settings(args), lib.bank)


def store(args: argparse.Namespace) -> TranscriptStore:
    from interviewer import locations
    from interviewer.transcripts import TranscriptStore

    return TranscriptStore(locations.transcripts_dir(getattr(args, "transcripts", None)))


def _whole_number(minimum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got '{value}'") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected {minimum} or more, got {number}")
        return number

    return parse


positive = _whole_number(1)
non_negative = _whole_number(0)
