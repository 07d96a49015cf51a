"""One module per command; each exposes ``register(subparsers)``.

Modules here import only the standard library at the top: the heavy imports
happen inside the function that runs the command. A command turns its
options into the core's typed options (``session.prepare``) and hands the
result to a front end.

May import: everything below ``cli`` (the front ends ``ui`` and ``plain``,
and the core); never ``cli``.
"""

from __future__ import annotations

from types import ModuleType

from interviewer.commands import (
    bank_cmd,
    export_cmd,
    grade_cmd,
    practice_cmd,
    progress_cmd,
    regrade_cmd,
    replay_cmd,
    rubrics_cmd,
    transcripts_cmd,
)

COMMANDS: list[ModuleType] = [
    practice_cmd,
    grade_cmd,
    bank_cmd,
    rubrics_cmd,
    transcripts_cmd,
    replay_cmd,
    regrade_cmd,
    progress_cmd,
    export_cmd,
]
