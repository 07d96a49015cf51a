"""Token counts and the estimated cost of one answer's calls.

Prices are US dollars per million tokens from ``LLMSettings.prices`` (the
built-in table, overridden or extended by the config file's ``[prices]``).
A dated snapshot such as ``gpt-5-mini-2025-08-07`` uses its base model's
price. A model not in the table gets no estimate rather than a guess. Tokens
a server did not report are unknown, and so is their cost: never zero.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from interviewer.config import Price
from interviewer.content.models import Usage

_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")


@dataclass
class Tokens:
    """Tokens spent so far on one answer, across the re-ask and any retries."""

    prompt: int = 0
    completion: int = 0
    cached: int = 0
    """Prompt tokens served from the server's prefix cache (a part of ``prompt``)."""
    unknown: bool = False
    """A reply came without usage, so the true counts are not known."""

    def add(self, other: Tokens) -> None:
        self.prompt += other.prompt
        self.completion += other.completion
        self.cached += other.cached
        self.unknown = self.unknown or other.unknown

    def __bool__(self) -> bool:
        return bool(self.prompt or self.completion or self.unknown)


def price_for(model: str, prices: Mapping[str, Price]) -> Price | None:
    return prices.get(model) or prices.get(_SNAPSHOT.sub("", model))


def cost_usd(model: str, tokens: Tokens, prices: Mapping[str, Price]) -> float | None:
    price = price_for(model, prices)
    if price is None:
        return None
    cached = min(tokens.cached, tokens.prompt)
    cached_rate = price.cached_input if price.cached_input is not None else price.input
    dollars = (
        (tokens.prompt - cached) * price.input
        + cached * cached_rate
        + tokens.completion * price.output
    ) / 1_000_000
    return round(dollars, 8)


def usage(model: str, tokens: Tokens, prices: Mapping[str, Price]) -> Usage:
    if tokens.unknown:
        return Usage.unknown()
    return Usage(
        prompt_tokens=tokens.prompt,
        completion_tokens=tokens.completion,
        cached_tokens=tokens.cached,
        cost_usd=cost_usd(model, tokens, prices),
    )
