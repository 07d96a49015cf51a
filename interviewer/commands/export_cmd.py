"""``interviewer export FILE --format md|html|json``: a report to share with a mentor."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from interviewer.commands import common

_FORMATS = ("md", "html", "json")
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export", help="a readable report of an interview (Markdown, HTML or JSON)"
    )
    parser.add_argument("file", metavar="FILE", help="a transcript: its path, file name or id")
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        help="md, html (one self-contained file) or json (default: from -o's suffix, else md)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write to this file instead of stdout"
    )
    common.add_bank_args(parser)
    common.add_transcripts_arg(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from interviewer.atomic_io import atomic_write
    from interviewer.errors import UserError
    from interviewer.history.schema import load_transcript
    from interviewer.reports.export import export

    fmt = args.format
    if fmt is None:
        fmt = _SUFFIXES.get(args.output.suffix.lower(), "md") if args.output else "md"
    transcript = load_transcript(common.store(args).find(args.file))
    rubrics = None
    if fmt != "json":
        # Criterion titles read better than ids, but a broken bank must not block a report.
        try:
            rubrics = common.library(args).rubrics
        except UserError as exc:
            print(f"interviewer: warning: {exc}; showing criterion ids", file=sys.stderr)
    text = export(transcript, fmt, rubrics)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    folder = args.output.parent
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder to write {args.output.name} in")
    try:
        atomic_write(args.output, text, private=False)  # a report is made to be shared
    except OSError as exc:
        raise UserError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    print(f"Wrote {args.output} ({fmt}, {len(text.encode()):,} bytes)", file=sys.stderr)
    return 0
