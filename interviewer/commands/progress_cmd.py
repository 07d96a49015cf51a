"""``interviewer progress``: scores over time per topic and criterion, and the weakest topics."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from interviewer.commands import common


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "progress", help="scores over time per topic and criterion, and the weakest topics"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    common.add_transcripts_arg(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from interviewer.history.progress import load_progress
    from interviewer.reports.progress_view import progress_json, progress_text

    store = common.store(args)
    report = load_progress(store)
    for path, reason in report.history.skipped:
        print(f"interviewer: warning: {path}: {reason}", file=sys.stderr)
    if args.json:
        print(json.dumps(progress_json(report), indent=2, ensure_ascii=False))
    elif not report.sessions:
        print(f"No graded sessions in {store.directory}: practise first (interviewer practice).")
    else:
        print(progress_text(report))
    return 0
