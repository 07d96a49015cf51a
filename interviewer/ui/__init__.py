"""The terminal app, the only part of interviewer that imports Textual.

The entry points import the app lazily, so ``interviewer --help`` and the
plain mode never load Textual; ``tests/test_import_hygiene.py`` holds the
rest of the package to the same rule. Settings come down already prepared
by the core (``interviewer.session.prepare``): the app never reads command-line
options, so it imports neither ``argparse`` nor the commands.

May import: Textual, ``session``, ``reports``, ``history``, ``grading``,
``content`` and the shared modules. Never ``commands``, ``cli`` or ``plain``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.session.prepare import Prepared, PreparedReplay
    from interviewer.ui.app import InterviewerApp


def run_app(ready: Prepared) -> int:
    """``interviewer`` / ``interviewer practice``: the start screen, then an interview."""
    from interviewer.ui.app import make_app

    app = make_app(
        ready.store, library=ready.library, evaluator=ready.evaluator, settings=ready.settings
    )
    return _run(app)


def run_replay(ready: PreparedReplay) -> int:
    """``interviewer replay [FILE]``: one transcript, or the list to pick from."""
    from interviewer.ui.app import make_app

    app = make_app(
        ready.store,
        library=ready.library,
        make_evaluator=ready.evaluator,  # only if the user re-grades
        start="replay" if ready.path is not None else "transcripts",
        replay=ready.path,
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
