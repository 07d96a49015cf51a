"""Settings from the flags, the environment and the optional config file.

The file is checked whole before anything runs, through pydantic models that
forbid unknown keys and type and bound every field, so a bad value stops the
program at start with one line naming the file and the field (exit status 2)
instead of crashing an interview later. Values from flags and the environment
go through the same checks, and an error names the flag or variable.

The API key is read from the environment only (``OPENAI_API_KEY``) and held
as a ``SecretStr``, so it cannot leak into a ``repr``, a log, a transcript or
an export. A base URL with no key is a complete configuration: local
OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio) need none.

pydantic-settings is not used: the precedence (flag, environment, file) is a
few lines here, and its errors would name its sources, not the user's file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, SecretStr, ValidationError

from interviewer import locations
from interviewer.errors import UserError, describe_validation_error
from interviewer.tomlfiles import read_toml

DEFAULT_MODEL = "gpt-5-mini"

Dollars = Annotated[float, Field(strict=True, ge=0, le=10_000, allow_inf_nan=False)]
"""US dollars per million tokens."""
Seconds = Annotated[float, Field(strict=True, gt=0, le=3600, allow_inf_nan=False)]
Name = Annotated[str, Field(strict=True, min_length=1, max_length=200)]


def _http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError("expected an http:// or https:// URL")
    return value


Url = Annotated[str, Field(strict=True, max_length=2000), AfterValidator(_http_url)]


class _Checked(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Price(_Checked):
    """US dollars per million tokens."""

    input: Dollars
    output: Dollars
    cached_input: Dollars | None = None


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


class LLMFile(_Checked):
    """The config file's ``[llm]`` table."""

    model: Name | None = None
    base_url: Url | None = None
    timeout: Seconds = 60.0
    """Seconds for one request."""
    retry_budget: Seconds = 90.0
    """Seconds the retries of one answer may take in all before falling back offline."""


class ConfigFile(_Checked):
    llm: LLMFile = LLMFile()
    prices: dict[Name, Price] = {}


class LLMSettings(_Checked):
    model: Name = DEFAULT_MODEL
    base_url: Url | None = None
    api_key: SecretStr | None = None
    offline: bool = False
    timeout: Seconds = 60.0
    """Seconds for one request."""
    retry_budget: Seconds = 90.0
    """Seconds the retries of one answer may take in all before falling back offline."""
    prices: dict[str, Price] = Field(default_factory=lambda: dict(DEFAULT_PRICES))

    @property
    def enabled(self) -> bool:
        """The LLM grades when a key or a base URL is configured and --offline is not set."""
        return not self.offline and bool(self.api_key or self.base_url)


def _describe(exc: ValidationError, where: str) -> str:
    return describe_validation_error(exc, where).replace("Value error, ", "")


def read_config(path: Path) -> ConfigFile:
    """The config file, checked; the defaults when there is none."""
    data: dict[str, Any] = read_toml(path) if path.is_file() else {}
    try:
        return ConfigFile.model_validate(data)
    except ValidationError as exc:
        raise UserError(_describe(exc, str(path))) from None


def _given(flag: str, env: str, value: str | None) -> tuple[str, str] | None:
    """The value and where it came from (the flag, else the environment variable)."""
    if value:
        return value, flag
    from_env = os.environ.get(env)
    return (from_env, env) if from_env else None


def _checked(field: str, value: str, source: str) -> str:
    try:
        LLMSettings.model_validate({field: value})
    except ValidationError as exc:
        message = _describe(exc, source)
        raise UserError(message.replace(f"field '{field}': ", "")) from None
    return value


def load_llm_settings(
    *,
    model: str | None = None,
    base_url: str | None = None,
    offline: bool = False,
) -> LLMSettings:
    """Flags first, then the environment, then the config file's ``[llm]`` table."""
    path = locations.config_file()
    config = read_config(path)
    chosen: dict[str, Any] = {}
    for field, flag, env, value in (
        ("model", "--model", "INTERVIEWER_MODEL", model),
        ("base_url", "--base-url", "OPENAI_BASE_URL", base_url),
    ):
        given = _given(flag, env, value)
        if given is not None:
            chosen[field] = _checked(field, *given)
    key = os.environ.get("OPENAI_API_KEY")
    return LLMSettings(
        model=chosen.get("model") or config.llm.model or DEFAULT_MODEL,
        base_url=chosen.get("base_url") or config.llm.base_url,
        api_key=SecretStr(key) if key else None,
        offline=offline,
        timeout=config.llm.timeout,
        retry_budget=config.llm.retry_budget,
        prices={**DEFAULT_PRICES, **config.prices},
    )
