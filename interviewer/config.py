"""Settings from the environment and the optional config file.

The API key is read from the environment only (``OPENAI_API_KEY``) and kept
out of ``repr`` so it cannot leak into a log, a transcript or an export. A
base URL with no key is a complete configuration: local OpenAI-compatible
servers (Ollama, vLLM, llama.cpp, LM Studio) need none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewer import locations
from interviewer.errors import UserError
from interviewer.tomlfiles import read_toml

DEFAULT_MODEL = "gpt-5-mini"


@dataclass(frozen=True)
class Price:
    """US dollars per million tokens."""

    input: float
    output: float
    cached_input: float | None = None


# Published list prices, per million tokens; the config file's [prices] table
# overrides or extends them. A model missing here gets no cost estimate.
DEFAULT_PRICES: dict[str, Price] = {
    "gpt-5": Price(input=1.25, cached_input=0.125, output=10.0),
    "gpt-5-mini": Price(input=0.25, cached_input=0.025, output=2.0),
    "gpt-5-nano": Price(input=0.05, cached_input=0.005, output=0.4),
    "gpt-4.1": Price(input=2.0, cached_input=0.5, output=8.0),
    "gpt-4.1-mini": Price(input=0.4, cached_input=0.1, output=1.6),
    "gpt-4o-mini": Price(input=0.15, cached_input=0.075, output=0.6),
}


@dataclass(frozen=True)
class LLMSettings:
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    offline: bool = False
    timeout: float = 60.0
    """Seconds for one request."""
    retry_budget: float = 90.0
    """Seconds the retries of one answer may take in all before falling back offline."""
    prices: dict[str, Price] = field(default_factory=lambda: dict(DEFAULT_PRICES))

    @property
    def enabled(self) -> bool:
        """The LLM grades when a key or a base URL is configured and --offline is not set."""
        return not self.offline and bool(self.api_key or self.base_url)


def _file_config(path: Path) -> dict[str, Any]:
    return read_toml(path) if path.is_file() else {}


def _prices(table: object, path: Path) -> dict[str, Price]:
    prices = dict(DEFAULT_PRICES)
    if table is None:
        return prices
    if not isinstance(table, dict):
        raise UserError(f"{path}: field 'prices' must be a table of models")
    for model, entry in table.items():
        fields = set(entry) if isinstance(entry, dict) else set()
        if not (
            {"input", "output"} <= fields <= {"input", "output", "cached_input"}
            and all(_amount(v, 1e6) for v in entry.values())
        ):
            raise UserError(
                f"{path}: field 'prices.{model}': expected input, output and optional "
                "cached_input (dollars per million tokens)"
            )
        prices[model] = Price(**{k: float(v) for k, v in entry.items()})
    return prices


def _amount(value: object, most: float) -> bool:
    """A number from 0 to ``most``: TOML gives bools, strings and 400-digit integers too."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= most


def _seconds(llm: dict[str, Any], key: str, default: float, path: Path) -> float:
    value = llm.get(key, default)
    if not _amount(value, 86_400) or value == 0:
        raise UserError(f"{path}: field 'llm.{key}': expected a number of seconds up to a day")
    return float(value)


def load_llm_settings(
    *,
    model: str | None = None,
    base_url: str | None = None,
    offline: bool = False,
) -> LLMSettings:
    """Flags first, then the environment, then the config file's ``[llm]`` table."""
    path = locations.config_file()
    data = _file_config(path)
    llm = data.get("llm", {})
    if not isinstance(llm, dict):
        raise UserError(f"{path}: field 'llm' must be a table")
    unknown = set(llm) - {"model", "base_url", "timeout", "retry_budget"}
    if unknown:
        raise UserError(f"{path}: field 'llm.{sorted(unknown)[0]}': unknown field")
    unknown_top = set(data) - {"llm", "prices"}
    if unknown_top:
        raise UserError(f"{path}: field '{sorted(unknown_top)[0]}': unknown field")
    for key in ("model", "base_url"):
        if not isinstance(llm.get(key, ""), str):
            raise UserError(f"{path}: field 'llm.{key}': expected a string")
    timeout = _seconds(llm, "timeout", 60.0, path)
    retry_budget = _seconds(llm, "retry_budget", 90.0, path)
    return LLMSettings(
        model=model or os.environ.get("INTERVIEWER_MODEL") or llm.get("model") or DEFAULT_MODEL,
        base_url=base_url or os.environ.get("OPENAI_BASE_URL") or llm.get("base_url") or None,
        api_key=os.environ.get("OPENAI_API_KEY") or None,
        offline=offline,
        timeout=timeout,
        retry_budget=retry_budget,
        prices=_prices(data.get("prices"), path),
    )
