"""Errors the user can fix, kept apart from bugs.

A ``UserError`` reaches the command line as one line on stderr and exit status
2, never a traceback: a bad bank file or an unknown id is the user's input to
correct, and the message must name the file, field or id to look at.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input: a file, a field, an id or an option the user can correct."""

    exit_code = 2


def describe_validation_error(error: object, where: str) -> str:
    """One line naming the field of the first problem in a pydantic ``ValidationError``."""
    errors = error.errors() if hasattr(error, "errors") else []
    if not errors:
        return f"{where}: {error}"
    first = errors[0]
    loc = ".".join(str(part) for part in first.get("loc", ()))
    msg = first.get("msg", "invalid")
    if first.get("type") == "missing":
        msg = "required field is missing"
    elif first.get("type") == "extra_forbidden":
        msg = "unknown field"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    field = f"field '{loc}': " if loc else ""
    return f"{where}: {field}{msg}{more}"
