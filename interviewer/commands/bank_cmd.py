"""``interviewer bank validate|list|show``: checking and browsing question banks."""

from __future__ import annotations

import argparse
from typing import Any

from interviewer.commands import common


def register(sub: Any) -> None:
    parser = sub.add_parser("bank", help="validate, list or show questions")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    validate = actions.add_parser("validate", help="check every bank and rubric file")
    common.add_bank_args(validate)
    validate.set_defaults(run=run_validate)
    listing = actions.add_parser("list", help="one question per line, starting with its id")
    common.add_bank_args(listing)
    listing.add_argument(
        "--topic", action="append", default=[], help="only this topic (repeatable)"
    )
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="a question in full, key points included")
    common.add_bank_args(show)
    show.add_argument("id", help="the question's id")
    show.set_defaults(run=run_show)


def run_validate(args: argparse.Namespace) -> int:
    lib = common.library(args)
    topics = lib.bank.topics()
    counts = ", ".join(f"{t} {sum(q.topic == t for q in lib.bank)}" for t in topics)
    print(f"ok: {len(lib.bank)} questions ({counts}); {len(lib.rubrics)} rubrics")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from interviewer.clip import excerpt

    lib = common.library(args)
    lib.bank.check_topics(args.topic)
    chosen = [q for q in lib.bank if not args.topic or q.topic in args.topic]
    width = max((len(q.id) for q in chosen), default=0)
    for q in chosen:
        first_line = excerpt(q.prompt, 70)
        print(f"{q.id:<{width}}  {q.topic:<15} {q.difficulty:<6}  {first_line}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    lib = common.library(args)
    q = lib.bank.get(args.id)
    print(f"{q.id}  ({q.topic}, {q.difficulty}; rubric {lib.rubric_for(q)})")
    print(f"source: {lib.bank.sources[q.id]}\n")
    print(q.prompt + "\n")
    print("Key points:")
    for point in q.key_points:
        print(f"  - {point.text}")
    if q.follow_ups:
        print("Follow-ups:")
        for follow_up in q.follow_ups:
            print(f"  - {follow_up}")
    if q.reference_answer:
        print("\nReference answer:\n" + q.reference_answer)
    return 0
