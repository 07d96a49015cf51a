"""``interviewer rubrics``: the rubrics available, one per line starting with the id."""

from __future__ import annotations

import argparse
from typing import Any

from interviewer.commands import common


def register(sub: Any) -> None:
    parser = sub.add_parser("rubrics", help="list the rubrics (swap with --rubric NAME)")
    common.add_bank_args(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lib = common.library(args)
    width = max(len(r.id) for r in lib.rubrics)
    for rubric in lib.rubrics:
        criteria = ", ".join(c.id for c in rubric.criteria)
        print(f"{rubric.id:<{width}}  {rubric.title} [{criteria}]")
    return 0
