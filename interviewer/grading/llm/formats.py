"""How the reply's JSON is asked for, and stepping down when a server refuses.

Servers differ in which ``response_format`` they take. OpenAI, vLLM, Ollama,
llama.cpp's ``llama-server`` and LM Studio take ``json_schema``;
llama-cpp-python's server answers it with HTTP 500 ("Input should be 'text'
or 'json_object'") but enforces a schema given as
``{"type": "json_object", "schema": ...}``. So the evaluator starts at the top
of ``LADDER`` and steps down one rung each time the server rejects the format,
then keeps the rung that worked for the rest of the session.

A rejection is an HTTP error whose body names ``response_format`` or
``json_schema``. It will not change on retry, so it is never retried: the
step down costs one request, not a round of backoff. On the two rungs where
the server does not enforce the schema, the schema goes into the user message
(never the system message, which stays the same on every call).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from interviewer.grading.llm.retries import rejects_format

__all__ = ["LADDER", "NAMES", "Format", "rejects_format"]


@dataclass(frozen=True)
class Format:
    name: str
    """Recorded in the transcript's settings as the format that worked."""
    sends_schema: bool
    """Whether the server is given the schema (else the prompt carries it)."""
    bounded: bool = False
    """Whether the schema carries length limits (only servers that compile it to a grammar)."""

    def response_format(self, schema: dict[str, Any], name: str) -> dict[str, Any] | None:
        """The ``response_format`` request field, or ``None`` to send none."""
        if self.name == "json_schema":
            return {
                "type": "json_schema",
                "json_schema": {"name": name, "strict": True, "schema": schema},
            }
        if self.name == "json_object+schema":
            return {"type": "json_object", "schema": schema}
        if self.name == "json_object":
            return {"type": "json_object"}
        return None

    def instruction(self, schema: dict[str, Any]) -> str | None:
        """The schema as text for the user message, when the server does not enforce it."""
        if self.sends_schema:
            return None
        return json.dumps(schema, separators=(",", ":"))


LADDER: tuple[Format, ...] = (
    Format("json_schema", sends_schema=True),
    Format("json_object+schema", sends_schema=True, bounded=True),
    Format("json_object", sends_schema=False),
    Format("prompt", sends_schema=False),
)
NAMES = tuple(f.name for f in LADDER)
