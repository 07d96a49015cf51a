"""The config file, the flags and the environment: every bad value is one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from interviewer.config import DEFAULT_MODEL, DEFAULT_PRICES, Price, load_llm_settings
from interviewer.errors import UserError


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(path))
    return path


# Every kind of mistake, with the field the error must name and what it must say.
BAD_FILES = {
    "unknown llm key": ("[llm]\nmodle = 'x'\n", "llm.modle", "unknown field"),
    "unknown table": ("[lmm]\nmodel = 'x'\n", "lmm", "unknown field"),
    "llm not a table": ("llm = 'gpt-5'\n", "llm", "valid dictionary"),
    "model a number": ("[llm]\nmodel = 5\n", "llm.model", "valid string"),
    "model empty": ("[llm]\nmodel = ''\n", "llm.model", "at least 1 character"),
    "base_url a number": ("[llm]\nbase_url = 8080\n", "llm.base_url", "valid string"),
    "base_url no scheme": (
        "[llm]\nbase_url = 'localhost:8080/v1'\n",
        "llm.base_url",
        "http:// or https:// URL",
    ),
    "timeout negative": ("[llm]\ntimeout = -3\n", "llm.timeout", "greater than 0"),
    "timeout zero": ("[llm]\ntimeout = 0\n", "llm.timeout", "greater than 0"),
    "timeout a string": ("[llm]\ntimeout = '60'\n", "llm.timeout", "valid number"),
    "timeout too long": ("[llm]\ntimeout = 86400\n", "llm.timeout", "less than or equal to 3600"),
    "timeout nan": ("[llm]\ntimeout = nan\n", "llm.timeout", "finite number"),
    "retry_budget a string": (
        "[llm]\nretry_budget = 'soon'\n",
        "llm.retry_budget",
        "valid number",
    ),
    "retry_budget negative": ("[llm]\nretry_budget = -1\n", "llm.retry_budget", "greater than 0"),
    "retry_budget a bool": ("[llm]\nretry_budget = true\n", "llm.retry_budget", "valid number"),
    "prices not a table": ("prices = 3\n", "prices", "valid dictionary"),
    "price a string": (
        '[prices."x"]\ninput = "cheap"\noutput = 1\n',
        "prices.x.input",
        "valid number",
    ),
    "price negative": ('[prices."x"]\ninput = -1\noutput = 1\n', "prices.x.input", "greater than"),
    "price missing output": ('[prices."x"]\ninput = 1\n', "prices.x.output", "missing"),
    "price unknown key": (
        '[prices."x"]\ninput = 1\noutput = 1\ncached = 0.1\n',
        "prices.x.cached",
        "unknown field",
    ),
    "price cached a string": (
        '[prices."x"]\ninput = 1\noutput = 1\ncached_input = "free"\n',
        "prices.x.cached_input",
        "valid number",
    ),
    "price entry not a table": ("[prices]\nx = 2\n", "prices.x", "valid dictionary"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_every_bad_value_names_the_file_and_the_field(config: Path, case: str) -> None:
    text, field, says = BAD_FILES[case]
    config.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_llm_settings()
    message = str(caught.value)
    assert message.startswith(f"{config}: field '{field}': "), message
    assert says in message
    assert "\n" not in message


def test_malformed_toml_names_the_file(config: Path) -> None:
    config.write_text("[llm\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"config\.toml: malformed TOML"):
        load_llm_settings()


@pytest.mark.parametrize(
    ("flags", "env", "source"),
    [
        ({"base_url": "localhost:11434"}, {}, "--base-url"),
        ({}, {"OPENAI_BASE_URL": "ftp://example.test"}, "OPENAI_BASE_URL"),
        ({"model": "x" * 201}, {}, "--model"),
        ({}, {"INTERVIEWER_MODEL": "x" * 201}, "INTERVIEWER_MODEL"),
    ],
)
def test_a_bad_flag_or_variable_is_named(
    config: Path,
    monkeypatch: pytest.MonkeyPatch,
    flags: dict[str, str],
    env: dict[str, str],
    source: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(UserError) as caught:
        load_llm_settings(**flags)
    assert str(caught.value).startswith(f"{source}: ")


def test_a_good_file_is_read_and_flags_and_environment_win(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.write_text(
        "[llm]\nmodel = 'file-model'\nbase_url = 'http://file.test/v1'\n"
        "timeout = 12\nretry_budget = 30.5\n"
        '[prices."file-model"]\ninput = 0.5\noutput = 1\n',
        encoding="utf-8",
    )
    from_file = load_llm_settings()
    assert from_file.model == "file-model"
    assert from_file.base_url == "http://file.test/v1"
    assert (from_file.timeout, from_file.retry_budget) == (12.0, 30.5)
    assert from_file.prices["file-model"] == Price(input=0.5, output=1.0)
    assert from_file.prices["gpt-5-mini"] == DEFAULT_PRICES["gpt-5-mini"]

    monkeypatch.setenv("INTERVIEWER_MODEL", "env-model")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env.test/v1")
    assert load_llm_settings().model == "env-model"
    assert load_llm_settings().base_url == "http://env.test/v1"
    flagged = load_llm_settings(model="flag-model", base_url="https://flag.test/v1")
    assert (flagged.model, flagged.base_url) == ("flag-model", "https://flag.test/v1")


def test_no_file_means_the_defaults(config: Path) -> None:
    settings = load_llm_settings()
    assert settings.model == DEFAULT_MODEL
    assert settings.base_url is None and settings.api_key is None
    assert not settings.enabled


def test_the_key_comes_from_the_environment_only_and_stays_secret(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.write_text("[llm]\napi_key = 'test-key-in-file'\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"llm\.api_key': unknown field"):
        load_llm_settings()
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    settings = load_llm_settings()
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "test-key-not-real"
    assert settings.enabled
    assert "test-key-not-real" not in repr(settings)
    assert "test-key-not-real" not in str(settings.model_dump())


def test_a_bad_price_stops_the_program_at_start_not_mid_interview(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[prices."x"]\ninput = "cheap"\noutput = 1\n', encoding="utf-8")
    result = run_cli(
        "practice",
        "--plain",
        "--questions",
        "1",
        "--base-url",
        "http://127.0.0.1:9/v1",
        stdin="An answer.\n.\n",
        env={"INTERVIEWER_CONFIG": str(config)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"interviewer: error: {config}: field 'prices.x.input': Input should be a valid number"
    ]
    assert not list((tmp_path / "transcripts").glob("*.json"))  # nothing started
