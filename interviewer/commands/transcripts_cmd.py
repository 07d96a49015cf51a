"""``interviewer transcripts``: past sessions, newest first."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from interviewer.commands import common


def register(sub: Any) -> None:
    parser = sub.add_parser("transcripts", help="list saved interviews")
    common.add_transcripts_arg(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from interviewer.history.listing import Listing, iter_listings

    store = common.store(args)
    rows: list[Listing] = []
    for item in iter_listings(store):
        if isinstance(item, Listing):
            rows.append(item)
        else:
            print(f"interviewer: warning: {item[0]}: {item[1]}", file=sys.stderr)
    if not rows:
        print(f"No transcripts in {store.directory}")
        return 0
    rows.sort(key=lambda r: r.started_at, reverse=True)
    # After a swap the rubric reads "by topic, then consultant": the column fits the longest.
    width = max(15, *(len(r.rubric) for r in rows))
    print(f"{'date':<16}  {'id':<12}  {'questions':>9}  {'score':>5}  {'rubric':<{width}}  topics")
    for r in rows:
        score = f"{r.overall:.1f}" if r.overall is not None else "-"
        topics = ", ".join(r.topics) or "-"
        regrade = f"  (regrade of {r.regraded_from})" if r.regraded_from else ""
        print(
            f"{r.started_at.astimezone():%Y-%m-%d %H:%M}  {r.id:<12}  {r.questions:>9}  "
            f"{score:>5}  {r.rubric:<{width}}  {topics}{regrade}"
        )
    print(f"\n{len(rows)} transcript(s) in {store.directory}")
    return 0
