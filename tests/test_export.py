"""Exports hold every answer and score, and candidate text can never become markup."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from itertools import count
from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.schema import Settings, Transcript
from interviewer.history.store import TranscriptStore
from interviewer.reports.export import export, md, to_html, to_json, to_markdown
from interviewer.session.dialogue import Interview
from tests.conftest import run_cli
from tests.sessions import DAY0

HOSTILE = (
    'Accuracy hides the rare class. <script>alert("x")</script> <img src=x onerror=alert(1)>\n'
    "```\n[click](javascript:alert(1)) | a | b | & &amp; <b>bold</b>\n"
    "# not a heading\n"
    "Use precision and recall because fraud is rare."
)
DRAFT = "I started to say something about\n  indented drafts"


async def _transcript(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> Transcript:
    ticks = count()
    interview = Interview(
        library,
        offline,
        Settings(questions=3, follow_ups=1, seed=5),
        store,
        clock=lambda: DAY0 + timedelta(seconds=30 * next(ticks)),
    )
    while (prompt := interview.current) is not None:
        reference = prompt.question.reference_answer or ""
        if prompt.number == 1:
            await interview.answer(HOSTILE if prompt.kind == "question" else reference)
        elif prompt.number == 2:
            assert interview.hint()
            interview.skip(DRAFT)
        else:
            await interview.answer(reference)
    interview.end()
    return interview.transcript


@pytest.fixture
async def transcript(tmp_path: Path, library: Library, offline: OfflineEvaluator) -> Transcript:
    return await _transcript(library, offline, TranscriptStore(tmp_path / "t"))


def _answered(transcript: Transcript) -> list[str]:
    return [t.answer for t in transcript.turns if t.answer is not None]


def test_the_fixture_covers_follow_ups_skips_and_hints(transcript: Transcript) -> None:
    kinds = [(t.kind, t.status) for t in transcript.turns]
    assert ("follow_up", "answered") in kinds and ("question", "skipped") in kinds
    assert any(t.hints for t in transcript.turns) and len(_answered(transcript)) >= 4


def _titles(library: Library, rubric: str) -> dict[str, str]:
    return {c.id: c.title for c in library.rubrics.get(rubric).criteria}


def test_markdown_holds_every_answer_and_score(transcript: Transcript, library: Library) -> None:
    text = to_markdown(transcript, library.rubrics)
    for answer in _answered(transcript):
        assert "\n".join(answer.splitlines()) in text
    for turn in transcript.turns:
        assert " ".join(turn.prompt.split())[:60] in text.replace("\\", "")
        if turn.feedback is None:
            continue
        assert f"**Score {turn.feedback.overall:.1f}/5**" in text
        titles = _titles(library, turn.feedback.rubric)
        for c in turn.feedback.criteria:
            assert f"| {md(titles[c.id])} | {c.score}/5 |" in text
    summary = transcript.summary
    assert summary is not None and summary.overall is not None
    assert f"{summary.overall:.1f}/5 over {summary.answered}" in text
    assert all(f"| {md(t)} (topic) | {s:.1f} |" in text for t, s in summary.topics.items())
    assert "Skipped; the draft typed before skipping:" in text and "Hints taken:" in text


def test_markdown_keeps_candidate_text_inert(transcript: Transcript) -> None:
    text = to_markdown(transcript)
    # The answer holds a ``` line, so its fence must be longer.
    assert "````text\n" + HOSTILE + "\n````" in text
    outside = re.sub(r"(?ms)^(`{3,})text\n.*?^\1$", "", text)
    # Outside the fences, every < and every ]( is escaped, so nothing is a tag or a link.
    assert re.search(r"(?<!\\)<", outside) is None
    assert re.search(r"(?<!\\)\]\(", outside) is None
    assert r"\<script\>" in outside  # the evidence quote, shown but inert
    assert md("<b>x</b> [a](b) | c") == r"\<b\>x\</b\> \[a\](b) \| c"
    assert md("# title") == r"\# title"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def test_html_holds_every_answer_and_score(transcript: Transcript, library: Library) -> None:
    page = to_html(transcript, library.rubrics)
    for answer in _answered(transcript):
        assert f'<pre class="answer">{html.escape(answer)}</pre>' in page
    assert page.count('<pre class="answer">') == len(_answered(transcript))
    for turn in transcript.turns:
        if turn.feedback is None:
            continue
        assert f"Score {turn.feedback.overall:.1f}/5" in page
        titles = _titles(library, turn.feedback.rubric)
        for c in turn.feedback.criteria:
            assert f'<td>{html.escape(titles[c.id])}</td><td class="num">{c.score}/5 ' in page


def test_html_is_self_contained_and_escapes_candidate_text(transcript: Transcript) -> None:
    page = to_html(transcript)
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= {
        "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "dl", "dt",
        "dd", "section", "blockquote", "p", "pre", "table", "thead", "tbody", "tr", "th", "td",
        "span", "ul", "li", "q", "br",
    }  # fmt: skip
    assert parser.attributes <= {"lang", "charset", "http-equiv", "content", "name", "class",
                                 "style", "aria-hidden"}  # fmt: skip
    lowered = page.lower()
    for remote in ("http://", "https://", "<link", "@import", "url(", "<script", "<img"):
        assert remote not in lowered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "default-src 'none'" in page


def test_json_is_the_transcript(transcript: Transcript) -> None:
    assert json.loads(to_json(transcript)) == transcript.model_dump(mode="json")
    assert export(transcript, "json") == to_json(transcript)


def test_unfinished_transcript_exports(transcript: Transcript) -> None:
    partial = transcript.model_copy(update={"ended_at": None, "summary": None})
    partial.turns[-1].feedback = None
    text = to_markdown(partial)
    assert "unfinished" in text and "Answered, not graded" in text


async def test_cli_export(tmp_path: Path, library: Library, offline: OfflineEvaluator) -> None:
    store = TranscriptStore(tmp_path / "t")
    transcript = await _transcript(library, offline, store)
    path = store.path_for(transcript)
    secret = {"OPENAI_API_KEY": "sk-test-do-not-leak-123"}
    shown = run_cli("export", transcript.id, "--transcripts", str(store.directory), env=secret)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("# Interview report")
    (tmp_path / "out").mkdir()
    for name, fmt in (("r.html", None), ("r.json", None), ("r.txt", "html")):
        out = tmp_path / "out" / name
        extra = ["--format", fmt] if fmt else []
        done = run_cli("export", str(path), "-o", str(out), *extra, env=secret)
        assert done.returncode == 0, done.stderr
        written = out.read_text()
        assert "sk-test-do-not-leak" not in written
        if name == "r.json":
            assert json.loads(written)["id"] == transcript.id
        else:
            assert written.startswith("<!DOCTYPE html>")
    assert "sk-test-do-not-leak" not in shown.stdout


def test_cli_export_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "id": "x", "started_at": "2026-')
    cases = [
        (["export", str(broken)], str(broken)),
        (["export", "missing-id"], "missing-id"),
        (["export", str(broken), "--format", "pdf"], "invalid choice: 'pdf'"),
    ]
    for args, named in cases:
        done = run_cli(*args)
        assert done.returncode == 2 and named in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
