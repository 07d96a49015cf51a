"""The terminal app, the only part of interviewer that imports Textual.

The entry points import the app lazily, so ``interviewer --help`` and the
plain mode never load Textual; ``tests/test_import_hygiene.py`` holds the
rest of the package to the same rule.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.ui.app import InterviewerApp


def run_app(args: argparse.Namespace) -> int:
    """``interviewer`` / ``interviewer practice``: the start screen, then an interview."""
    from interviewer.commands.practice_cmd import prepare
    from interviewer.ui.app import make_app

    ready = prepare(args)
    app = make_app(
        ready.store, library=ready.library, evaluator=ready.evaluator, settings=ready.settings
    )
    return _run(app)


def run_replay(args: argparse.Namespace) -> int:
    """``interviewer replay [FILE]``: one transcript, or the list to pick from."""
    from interviewer.commands import common
    from interviewer.ui.app import make_app

    store = common.store(args)
    path = store.find(args.file) if getattr(args, "file", None) else None
    lib = common.library(args)
    app = make_app(
        store,
        library=lib,
        make_evaluator=lambda: common.evaluator(args, lib),  # only if the user re-grades
        start="replay" if path is not None else "transcripts",
        replay=path,
    )
    return _run(app)


def _run(app: InterviewerApp) -> int:
    import asyncio

    async def main() -> None:
        try:
            await app.run_async()
        finally:
            if app.evaluator is not None:
                await app.evaluator.aclose()  # in the loop its HTTP client was made in

    asyncio.run(main())
    for path in dict.fromkeys(app.saved):
        if path.exists():
            print(f"Transcript saved: {path}")
    return app.return_code or 0
