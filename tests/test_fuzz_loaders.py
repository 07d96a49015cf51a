"""Every loader, fed random and mutated files: a clear UserError or a skip, never a traceback.

Three kinds of input for each: random bytes and text; the real files (the
built-in bank and rubrics, a transcript from a real interview) cut, spliced
and sprinkled with the tokens their syntax is made of; and the real files
parsed, one value swapped for a random one, and written back, which gets
past the parser and tests the validation behind it. What loads must then
be usable (graded, exported, listed). Example counts stay modest so the
suite stays quick; ``FUZZ_EXAMPLES=3000`` runs a long hunt, and hypothesis
keeps what fails in ``.hypothesis`` to try first next time.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import math
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from interviewer.cli import build_parser
from interviewer.commands.grade_cmd import _batch_requests
from interviewer.config import load_llm_settings
from interviewer.content.bank import Library, load_bank
from interviewer.content.rubrics import load_rubric
from interviewer.errors import UserError
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import GradeRequest
from interviewer.history.schema import load_transcript as load
from interviewer.history.store import TranscriptStore
from interviewer.reports.export import export
from interviewer.session.dialogue import Prompt
from tests.conftest import ROOT
from tests.sessions import run_session, strong, weak

T = TypeVar("T")
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,  # two shared cores: time is not what is under test
    # one temp folder for all examples is fine: each example overwrites its file
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

BANK_FILE = (ROOT / "bank" / "model-selection.toml").read_text(encoding="utf-8")
RUBRIC_FILE = (ROOT / "rubrics" / "general.toml").read_text(encoding="utf-8")
CONFIG_FILE = """\
[llm]
model = "gpt-5-mini"
base_url = "http://localhost:11434/v1"
timeout = 60
retry_budget = 90

[prices."my-model"]
input = 0.5
output = 1.5
cached_input = 0.05
"""
TOML_TOKENS = [
    *('"', '"""', "'", "[", "]", "{", "}", ",", "=", "\n", "#", "\\", "\\u0000", "\\uD800"),
    *("[[question]]", "[llm]", "[prices.x]", 'id = "x"', "key_points = []", "levels = {}"),
    *('measure = "coverage"', "weight = 0", 'timeout = "soon"', "1979-05-27"),
    *("1e400", "-1", "0", "nan", "inf", "true", "9" * 30, "9" * 400),
]
JSON_TOKENS = [
    *('"', "{", "}", "[", "]", ":", ",", "\n", "null", "true", "1e400", "-1", "0", "9" * 400),
    *('"x"', "[]", "{}", '"\\ud800"', '"2026-13-45T99:00:00"', '"2026-01-15T09:30:00+00:00"'),
]

EDGES = [
    *(10**400, -(2**64), -1, 0, 0.0, 1e308, -1e-9, True, "", " ", "\x00", "x" * 3000, [], {}),
    *("x", "general", "consultant", "coverage", "easy", "model-selection", "answered"),
    *("follow_up", "2026-01-15T09:30:00Z", "fraud-imbalanced-metric"),
]


def values(null: bool) -> st.SearchStrategy[Any]:
    """Random values for a parsed file, half of them edge cases (TOML has no null)."""
    scalars = st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
    leaves = st.sampled_from(EDGES) | (scalars | st.none() if null else scalars)
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
        ),
        max_leaves=8,
    )


@st.composite
def spliced(draw: st.DrawFn, original: str, tokens: list[str]) -> bytes:
    """``original`` cut, spliced and sprinkled with ``tokens``; sometimes not UTF-8 at all."""
    text = original
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 300)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "repeat", "truncate"]))
        piece = draw(st.sampled_from(tokens) | st.text(max_size=8))
        if kind == "delete":
            text = text[:start] + text[end:]
        elif kind == "insert":
            text = text[:start] + piece + text[start:]
        elif kind == "replace":
            text = text[:start] + piece + text[end:]
        elif kind == "repeat":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start]
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _like(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-3, 10) | st.integers()
    if isinstance(value, float):
        return st.floats(-1, 10) | st.floats()
    if isinstance(value, str):
        return st.text(max_size=40) | st.just(value + value)
    if isinstance(value, list):
        return st.just(value[:1] * 3 + value[1:]) | st.just([])
    return st.just(value)


@st.composite
def swapped(draw: st.DrawFn, original: Any, values: st.SearchStrategy[Any]) -> Any:
    """``original`` (parsed) with a value replaced by a random one, or a key dropped."""
    data = json.loads(json.dumps(original, default=str))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)[1:]))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        how = draw(st.sampled_from(["same type", "any value", "drop"]))
        if how == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif how == "same type":  # still loads, more often than not: tests what follows
            parent[path[-1]] = draw(_like(parent[path[-1]]))
        else:
            parent[path[-1]] = draw(values)
        if not _paths(data)[1:]:
            break
    return data


def toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value).replace("infinity", "inf")
    return json.dumps(value)  # strings, numbers and booleans are written alike


def toml_text(data: Any) -> bytes:
    if not isinstance(data, dict):
        return f"value = {toml_value(data)}\n".encode()
    lines = [f"{json.dumps(k)} = {toml_value(v)}" for k, v in data.items()]
    return ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass")


def any_input(original: str, tokens: list[str], parsed: Any, as_text: Any) -> Any:
    return (
        st.binary(max_size=300)
        | st.text(max_size=300).map(lambda t: t.encode("utf-8", errors="surrogatepass"))
        | spliced(original, tokens)
        | swapped(parsed, values(null=as_text is not toml_text)).map(as_text)
    )


def attempt(load: Callable[[], T], path: Path) -> T | None:
    """What ``load`` returns, or ``None`` once its error is checked: one line naming ``path``."""
    try:
        result = load()
    except UserError as exc:
        event("UserError")
        assert str(path) in str(exc) and "\n" not in str(exc)
        return None
    event("loaded")
    return result


# -- bank and rubric files ------------------------------------------------------


@FUZZ
@given(any_input(BANK_FILE, TOML_TOKENS, tomllib.loads(BANK_FILE), toml_text))
def test_bank_files(tmp_path: Path, library: Library, data: bytes) -> None:
    path = tmp_path / "bank.toml"
    path.write_bytes(data)
    bank = attempt(lambda: load_bank([path]), path)
    if bank is None:
        return
    # What loads must be usable: chosen, and graded by the offline evaluator.
    questions = bank.select(count=len(bank), seed=1)
    assert len(questions) == len(bank)
    evaluator = OfflineEvaluator(bank)
    rubric = library.rubrics.get("general")
    for question in questions[:2]:
        answer = question.reference_answer or "Because it depends."
        request = GradeRequest(question=question, rubric=rubric, answer=answer, prompt="?")
        asyncio.run(evaluator.evaluate(request))


@FUZZ
@given(any_input(RUBRIC_FILE, TOML_TOKENS, tomllib.loads(RUBRIC_FILE), toml_text))
def test_rubric_files(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "rubric.toml"
    path.write_bytes(data)
    rubric = attempt(lambda: load_rubric(path), path)
    if rubric is not None:
        assert 1.0 <= rubric.weighted({c.id: 3 for c in rubric.criteria}) <= 5.0


@FUZZ
@given(any_input(CONFIG_FILE, TOML_TOKENS, tomllib.loads(CONFIG_FILE), toml_text))
def test_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(data)
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(path))
    loaded = attempt(load_llm_settings, path)
    if loaded is None:
        return
    # Loaded means usable: the types the client and the cost estimate rely on.
    assert isinstance(loaded.model, str) and isinstance(loaded.base_url, str | None)
    for seconds in (loaded.timeout, loaded.retry_budget):
        assert isinstance(seconds, float) and math.isfinite(seconds) and seconds > 0
    for price in loaded.prices.values():
        amounts = (price.input, price.output, price.cached_input or 0.0)
        assert all(isinstance(a, float) and math.isfinite(a) and a >= 0 for a in amounts)


# -- transcripts ----------------------------------------------------------------


@pytest.fixture(scope="module")
def real_transcript(library: Library, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real interview's file: follow-ups, a skip, offline grades."""
    store = TranscriptStore(tmp_path_factory.mktemp("real"))

    def answer(prompt: Prompt) -> str | None:
        return {1: strong(prompt), 2: None}.get(prompt.number, weak(prompt))

    session = run_session(
        library, OfflineEvaluator(library.bank), store, answer, questions=3, follow_ups=1
    )
    return store.path_for(asyncio.run(session)).read_text(encoding="utf-8")


def _run_cli(*argv: str) -> int:
    """A command run in this process, as ``interviewer`` would run it, its output dropped."""
    args = build_parser().parse_args(list(argv))
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status: int = args.run(args)
    return status


def _check_transcript(folder: Path, data: bytes, real: str, library: Library) -> None:
    (folder / "real.json").write_text(real, encoding="utf-8")  # something to sort against
    path = folder / "t.json"
    path.write_bytes(data)
    transcript = attempt(lambda: load(path), path)
    if transcript is not None:
        for fmt in ("md", "html", "json"):
            export(transcript, fmt, library.rubrics)  # type: ignore[arg-type]
    # The listing and progress read the raw JSON: a row or a skip, never a raise.
    for command in (["transcripts"], ["progress"], ["progress", "--json"]):
        assert _run_cli(*command, "--transcripts", str(folder)) == 0


@FUZZ
@given(data=st.data())
def test_transcripts(
    tmp_path: Path, real_transcript: str, library: Library, data: st.DataObject
) -> None:
    raw = data.draw(
        any_input(
            real_transcript,
            JSON_TOKENS,
            json.loads(real_transcript),
            lambda d: json.dumps(d).encode(),
        )
    )
    _check_transcript(tmp_path, raw, real_transcript, library)


# -- grade --batch ----------------------------------------------------------------

BATCH = "\n".join(
    json.dumps(line)
    for line in (
        {"question": "fraud-imbalanced-metric", "answer": "Accuracy misleads; use PR AUC."},
        {"question": "fraud-imbalanced-metric", "answer": "", "rubric": "consultant"},
    )
)


@FUZZ
@given(data=st.data())
def test_grade_batch(tmp_path: Path, library: Library, data: st.DataObject) -> None:
    lines = [json.loads(line) for line in BATCH.splitlines()]
    raw = data.draw(
        any_input(BATCH, JSON_TOKENS, lines, lambda d: "\n".join(json.dumps(x) for x in d).encode())
    )
    path = tmp_path / "batch.jsonl"
    path.write_bytes(raw)
    requests = attempt(lambda: _batch_requests(library, str(path), None), path)
    if requests is not None:
        assert all(r.question.id in library.bank for r in requests)


# -- what the fuzzing found, kept as plain regression tests ---------------------


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (f"[llm]\ntimeout = {'9' * 400}\n", "llm.timeout"),  # OverflowError in float()
        ("[llm]\nretry_budget = nan\n", "llm.retry_budget"),
        ("[llm]\nbase_url = 5\n", "llm.base_url"),
        ('[prices.m]\ninput = "cheap"\noutput = 1\n', "prices.m.input"),  # failed at the first cost
    ],
    ids=["huge-timeout", "nan-budget", "number-url", "text-price"],
)
def test_config_values_found_by_fuzzing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, field: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(path))
    with pytest.raises(UserError, match=f"{path}: field '{field}'"):
        load_llm_settings()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x80", "line 1: not UTF-8 text"),  # UnicodeDecodeError
        (b'{"question": "q", "answer": "", "rubric": [null]}', "field 'rubric'"),  # unhashable
        (b"[" * 100_000, "nested too deeply"),  # RecursionError
    ],
    ids=["not-utf8", "list-rubric", "deep"],
)
def test_batch_lines_found_by_fuzzing(
    tmp_path: Path, library: Library, data: bytes, message: str
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    with pytest.raises(UserError, match=message):
        _batch_requests(library, str(path), None)


def test_listing_and_progress_survive_what_fuzzing_found(
    tmp_path: Path, real_transcript: str
) -> None:
    (tmp_path / "real.json").write_text(real_transcript, encoding="utf-8")
    data = json.loads(real_transcript)
    data["started_at"] = "2026-01-01T10:00:00"  # no zone: sorting against aware times failed
    data["turns"][0]["feedback"]["criteria"][0]["score"] = 10**400  # OverflowError in progress
    (tmp_path / "odd.json").write_text(json.dumps(data), encoding="utf-8")
    for command in (["transcripts"], ["progress"]):
        assert _run_cli(*command, "--transcripts", str(tmp_path)) == 0
    summary = dict(data, summary={**data["summary"], "overall": "great"})  # formatted with :.1f
    (tmp_path / "odd.json").write_text(json.dumps(summary), encoding="utf-8")
    assert _run_cli("transcripts", "--transcripts", str(tmp_path)) == 0
