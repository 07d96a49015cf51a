"""The prompt templates: Markdown files in ``prompts/`` with named placeholders.

A template writes a placeholder as ``{name}`` and a literal brace as ``{{`` or
``}}`` (``str.format`` syntax). An HTML comment (``<!-- ... -->``) is a note
for whoever edits the file and is removed before anything is sent. Every
template is checked when it loads: a placeholder the code does not supply, or
one the code supplies that the template forgets, is an error then, not at the
first call to the model.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from interviewer import locations
from interviewer.errors import UserError

GRADE_FIELDS = frozenset(
    {
        "rubric_title",
        "rubric",
        "question",
        "key_points",
        "reference_answer",
        "suggested_follow_ups",
        "thread",
        "kind",
        "asked",
        "answer",
        "asked_follow_ups",
    }
)

TEMPLATES: dict[str, frozenset[str]] = {
    # The first message of every call: no placeholders, so it is the same text on
    # every call of every session and servers that cache prompt prefixes reuse it.
    "system": frozenset(),
    "grade": GRADE_FIELDS,
    "reask": frozenset({"error"}),
    "reply_format": frozenset({"schema"}),
}
"""Each template's name (its file is ``<name>.md``) and the placeholders the code supplies."""

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class PromptError(UserError):
    """A prompt template that cannot be used: missing, unreadable or with wrong placeholders."""


@dataclass(frozen=True)
class Template:
    name: str
    text: str
    fields: frozenset[str]

    def render(self, **values: str) -> str:
        if set(values) != self.fields:
            raise ValueError(
                f"template {self.name!r} takes {sorted(self.fields)}, got {sorted(values)}"
            )
        return self.text.format_map(values)


@dataclass(frozen=True)
class Prompts:
    system: Template
    grade: Template
    reask: Template
    reply_format: Template


def placeholders(text: str, where: str) -> frozenset[str]:
    """The named placeholders ``text`` uses; an error for any other format syntax."""
    found: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise PromptError(f"{where}: {exc} (write a literal brace as {{{{ or }}}})") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _NAME.match(name) or spec or conversion:
            shown = (
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
            raise PromptError(
                f"{where}: placeholder {shown} is not a plain name like {{answer}} "
                "(write a literal brace as {{ or }})"
            )
        found.add(name)
    return frozenset(found)


def load_template(path: Path, name: str, fields: frozenset[str]) -> Template:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"{path}: prompt template is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptError(f"{path}: cannot read prompt template: {exc}") from None
    text = _COMMENT.sub("", raw).strip() + "\n"
    used = placeholders(text, str(path))
    unknown = sorted(used - fields)
    if unknown:
        known = ", ".join("{" + f + "}" for f in sorted(fields)) or "none"
        raise PromptError(f"{path}: unknown placeholder {{{unknown[0]}}} (known: {known})")
    missing = sorted(fields - used)
    if missing:
        raise PromptError(f"{path}: placeholder {{{missing[0]}}} is missing")
    return Template(name=name, text=text, fields=fields)


def load_prompts(folder: Path | None = None) -> Prompts:
    """Load and check every template; the built-in ones unless ``folder`` is given."""
    base = folder if folder is not None else locations.builtin_prompts()
    loaded = {name: load_template(base / f"{name}.md", name, f) for name, f in TEMPLATES.items()}
    return Prompts(**loaded)
