"""Reports to share with a mentor: Markdown, one self-contained HTML file, or JSON.

Every answer and every grade is in the report, follow-ups and skipped drafts
included, so the reader sees what the candidate saw. Candidate text (and
anything an LLM wrote about it) is untrusted: HTML escapes every string it
did not write itself and carries a content-security policy that forbids
scripts and remote loads, and Markdown keeps answers verbatim in fenced
blocks and escapes the characters that would turn other text into links,
tags or tables. The HTML needs nothing from the network: its styles are
inline and it uses the reader's own fonts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from interviewer.models import Feedback
from interviewer.render import bar
from interviewer.rubric_label import group_name
from interviewer.rubrics import RubricSet
from interviewer.selfcheck import ESTIMATED, corrected_turn, differences, estimated, summary_note
from interviewer.summary import (
    blend_note,
    blended_topics,
    criterion_area,
    final_feedback,
    numbers_text,
    rubrics_used,
    summary_of,
)
from interviewer.transcript_schema import Summary, Transcript, Turn

Format = Literal["md", "html", "json"]

_LISTS = (
    ("Covered", "covered_points"),
    ("Missed", "missed_points"),
    ("Strengths", "strengths"),
    ("To improve", "gaps"),
)


@dataclass(frozen=True)
class _Question:
    number: int
    question_id: str
    topic: str
    turns: list[Turn]


def _questions(transcript: Transcript) -> list[_Question]:
    """The turns grouped by question, in the order the questions were asked."""
    groups: dict[str, list[Turn]] = {}
    for turn in transcript.turns:
        groups.setdefault(turn.question_id, []).append(turn)
    return [
        _Question(number, qid, turns[0].topic, turns)
        for number, (qid, turns) in enumerate(groups.items(), start=1)
    ]


def _meta(transcript: Transcript, summary: Summary) -> list[tuple[str, str]]:
    s = transcript.settings
    rows = [
        ("Date", f"{transcript.started_at.astimezone():%Y-%m-%d %H:%M %Z}"),
        ("Transcript", transcript.id),
        ("Rubric", rubrics_used(transcript)),
        ("Graded by", s.evaluator),
        (
            "Topics",
            ", ".join(s.topics) or ", ".join(dict.fromkeys(t.topic for t in transcript.turns)),
        ),
    ]
    if transcript.regraded_from:
        rows.append(("Regrade of", transcript.regraded_from))
    if len(summary.rubrics) > 1:
        rows.append(("Graded under", _graded_under(summary)))
    if transcript.ended_at is None:
        rows.append(("Status", "unfinished (the session was not ended)"))
    if summary.overall is not None:
        skipped = f", {summary.skipped} skipped" if summary.skipped else ""
        rows.append(
            ("Overall", f"{summary.overall:.1f}/5 over {summary.answered} question(s){skipped}")
        )
        note = summary_note(f for _, f in final_feedback(transcript.turns).values())
        if note:
            rows.append(("Note", note))
    return rows


def _graded_under(summary: Summary) -> str:
    """Which answers each rubric graded: "each topic's own rubric (questions 1, 2); …"."""
    return "; ".join(f"{group_name(u.id)} ({numbers_text(u.questions)})" for u in summary.rubrics)


def _areas(summary: Summary) -> list[tuple[str, float]]:
    """The summary's rows: criteria (with their rubric when there were several), then topics."""
    several = len(summary.rubrics) > 1
    blends = blended_topics(summary)
    areas = [(criterion_area(c, several=several), c.score) for c in summary.criteria]
    for topic, score in summary.topics.items():
        note = f"; {blend_note(blends[topic])}" if topic in blends else ""
        areas.append((f"{topic} (topic{note})", score))
    return areas


@dataclass(frozen=True)
class _Graded:
    """A graded turn as reported: corrected by the candidate's self-check, if any."""

    feedback: Feedback
    evaluator: Feedback
    """As the evaluator gave it."""
    differences: list[str]


def _graded(transcript: Transcript, rubrics: RubricSet | None) -> dict[int, _Graded]:
    """Graded turns by ``id(turn)``."""
    result: dict[int, _Graded] = {}
    for index, turn in enumerate(transcript.turns):
        feedback = corrected_turn(transcript.turns, index, rubrics)
        if feedback is not None and turn.feedback is not None:
            result[id(turn)] = _Graded(
                feedback, turn.feedback, differences(turn.feedback, turn.self_check)
            )
    return result


def _score_note(graded: _Graded) -> str:
    """What stands behind the score: the rubric, the evaluator, an estimate, a self-check."""
    feedback = graded.feedback
    note = f"{feedback.rubric} rubric, graded by {feedback.evaluator}"
    if estimated(feedback):
        note += f"; {ESTIMATED}"
    if feedback.overall != graded.evaluator.overall:
        note += f"; after your self-check (the evaluator gave {graded.evaluator.overall:.1f})"
    return note


def _title(rubrics: RubricSet | None, feedback: Feedback) -> Callable[[str], str]:
    titles: dict[str, str] = {}
    if rubrics is not None and feedback.rubric in rubrics:
        titles = {c.id: c.title for c in rubrics.get(feedback.rubric).criteria}
    return lambda cid: titles.get(cid, cid)


def _turn_label(turn: Turn) -> str:
    return "Follow-up" if turn.kind == "follow_up" else "Question"


def _status(turn: Turn) -> str | None:
    """Why a turn has no graded answer, or ``None`` if it has one."""
    if turn.status == "skipped":
        return "Skipped; the draft typed before skipping:" if turn.answer else "Skipped."
    if turn.status == "asked":
        return "Not answered."
    if turn.feedback is None:
        return "Answered, not graded (regrade the transcript to grade it)."
    return None


def _paragraphs(text: str) -> list[str]:
    """Prompts are wrapped text: join the lines of each paragraph."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


# -- Markdown ------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&])")


def md(text: str) -> str:
    """One line of untrusted text, safe inline: no tags, links, emphasis or table breaks."""
    flat = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return "\\" + flat if flat[:1] in ("#", "+", "-", "=") else flat


def md_fenced(text: str) -> list[str]:
    """Verbatim text in a fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", *text.splitlines(), fence]


def _md_quote(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in _paragraphs(text):
        lines += [">"] if lines else []
        lines.append(f"> {md(paragraph)}")
    return lines


def _md_feedback(graded: _Graded, rubrics: RubricSet | None) -> Iterator[str]:
    feedback = graded.feedback
    title = _title(rubrics, feedback)
    yield f"**Score {feedback.overall:.1f}/5** ({md(_score_note(graded))})"
    yield ""
    if graded.differences:
        yield "Self-check:"
        yield ""
        yield from (f"- {md(line)}" for line in graded.differences)
        yield ""
    if feedback.notice:
        yield f"Note: {md(feedback.notice)}"
        yield ""
    yield "| Criterion | Score | | Comment |"
    yield "| --- | --- | --- | --- |"
    for c in feedback.criteria:
        yield f"| {md(title(c.id))} | {c.score}/5 | `{bar(c.score)}` | {md(c.comment)} |"
    yield ""
    quotes = [(c.id, q) for c in feedback.criteria for q in c.evidence]
    if quotes:
        yield "Evidence quoted from the answer:"
        yield ""
        yield from (f"- {md(title(cid))}: “{md(q)}”" for cid, q in quotes)
        yield ""
    for label, attr in _LISTS:
        items: list[str] = getattr(feedback, attr)
        if items:
            yield f"{label}:"
            yield ""
            yield from (f"- {md(item)}" for item in items)
            yield ""


def to_markdown(transcript: Transcript, rubrics: RubricSet | None = None) -> str:
    summary = summary_of(transcript, rubrics)
    lines = [f"# Interview report, {transcript.started_at.astimezone():%Y-%m-%d}", ""]
    lines += [f"- **{label}:** {md(value)}" for label, value in _meta(transcript, summary)]
    if summary.overall is not None:
        lines += ["", "## Summary", "", "| Area | Score | |", "| --- | --- | --- |"]
        lines += [f"| {md(name)} | {s:.1f} | `{bar(s)}` |" for name, s in _areas(summary)]
        lines.append("")
        for label, items in (
            ("Strongest", summary.strongest),
            ("Weakest", summary.weakest),
            ("Practise next", summary.practise_next),
        ):
            if items:
                lines += [f"{label}:", "", *(f"- {md(i)}" for i in items), ""]
    graded = _graded(transcript, rubrics)
    for q in _questions(transcript):
        lines += ["", f"## {q.number}. {md(q.question_id)} ({md(q.topic)})", ""]
        for turn in q.turns:
            lines += [f"### {_turn_label(turn)}", ""]
            lines += [*_md_quote(turn.prompt), ""]
            if turn.hints:
                lines += ["Hints taken:", "", *(f"- {md(h)}" for h in turn.hints), ""]
            status = _status(turn)
            if status:
                lines += [status, ""]
            if turn.answer is not None:
                lines += (["Answer:", ""] if not status else []) + md_fenced(turn.answer) + [""]
            if id(turn) in graded:
                lines += list(_md_feedback(graded[id(turn)], rubrics))
    return "\n".join(lines).rstrip() + "\n"


# -- HTML ----------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; --fg: #1d1f23; --bg: #fdfdfc; --muted: #5d6470;
  --line: #d9dce1; --card: #f3f4f6; --bar: #2f6fb3; --track: #dfe3e8; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8eb; --bg: #16181c; --muted: #a3a9b3; --line: #363a42;
    --card: #1f2227; --bar: #6ba4e0; --track: #363a42; } }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 50rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; padding-top: 1rem;
  border-top: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.5rem 0 .5rem; color: var(--muted);
  text-transform: uppercase; letter-spacing: .04em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
blockquote { margin: 0 0 1rem; padding: .5rem 1rem; border-left: 4px solid var(--line); }
pre.answer { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card);
  padding: .75rem 1rem; border-radius: 6px; font: inherit; margin: 0 0 1rem; }
.note { color: var(--muted); }
.score { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--line); }
td.num { white-space: nowrap; }
.bar { display: inline-block; width: 6rem; height: .6rem; background: var(--track);
  border-radius: 3px; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: var(--bar); border-radius: 3px; }
ul { margin: .25rem 0 1rem; padding-left: 1.25rem; }
q { font-style: italic; }
@media print { h2 { break-before: auto; } pre.answer { break-inside: avoid; } }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_bar(score: float) -> str:
    # The width is a number this module computes, never text from the transcript.
    percent = round((min(5.0, max(1.0, score)) - 1) / 4 * 100)
    return f'<span class="bar" aria-hidden="true"><span style="width:{percent}%"></span></span>'


def _html_list(label: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"<p>{h(label)}:</p><ul>" + "".join(f"<li>{h(i)}</li>" for i in items) + "</ul>"


def _html_feedback(graded: _Graded, rubrics: RubricSet | None) -> str:
    feedback = graded.feedback
    title = _title(rubrics, feedback)
    parts = [
        f'<p><span class="score">Score {feedback.overall:.1f}/5</span> '
        f'<span class="note">({h(_score_note(graded))})</span></p>',
        _html_list("Self-check", graded.differences),
    ]
    if feedback.notice:
        parts.append(f'<p class="note">Note: {h(feedback.notice)}</p>')
    rows = []
    for c in feedback.criteria:
        quotes = "".join(f"<br><q>{h(q)}</q>" for q in c.evidence)
        rows.append(
            f'<tr><td>{h(title(c.id))}</td><td class="num">{c.score}/5 {_html_bar(c.score)}'
            f"</td><td>{h(c.comment)}{quotes}</td></tr>"
        )
    parts.append(
        "<table><thead><tr><th>Criterion</th><th>Score</th><th>Comment</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    parts += [_html_list(label, getattr(feedback, attr)) for label, attr in _LISTS]
    return "".join(parts)


def _html_summary(summary: Summary) -> str:
    if summary.overall is None:
        return "<p>No answers were graded in this session.</p>"
    rows = "".join(
        f'<tr><td>{h(name)}</td><td class="num">{score:.1f} {_html_bar(score)}</td></tr>'
        for name, score in _areas(summary)
    )
    return (
        "<h2>Summary</h2>"
        f"<table><thead><tr><th>Area</th><th>Score</th></tr></thead><tbody>{rows}</tbody></table>"
        + _html_list("Strongest", summary.strongest)
        + _html_list("Weakest", summary.weakest)
        + _html_list("Practise next", summary.practise_next)
    )


def _html_turn(turn: Turn, graded: _Graded | None, rubrics: RubricSet | None) -> str:
    parts = [f"<h3>{_turn_label(turn)}</h3><blockquote>"]
    parts += [f"<p>{h(p)}</p>" for p in _paragraphs(turn.prompt)]
    parts.append("</blockquote>")
    parts.append(_html_list("Hints taken", turn.hints))
    status = _status(turn)
    if status:
        parts.append(f'<p class="note">{h(status)}</p>')
    if turn.answer is not None:
        parts.append(f'<pre class="answer">{h(turn.answer)}</pre>')
    if graded is not None:
        parts.append(_html_feedback(graded, rubrics))
    return "".join(parts)


def to_html(transcript: Transcript, rubrics: RubricSet | None = None) -> str:
    title = f"Interview report, {transcript.started_at.astimezone():%Y-%m-%d}"
    summary = summary_of(transcript, rubrics)
    meta = "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in _meta(transcript, summary))
    body = [f"<h1>{h(title)}</h1>", f'<dl class="meta">{meta}</dl>']
    body.append(_html_summary(summary))
    graded = _graded(transcript, rubrics)
    for q in _questions(transcript):
        body.append(f"<section><h2>{q.number}. {h(q.question_id)} ({h(q.topic)})</h2>")
        body += [_html_turn(turn, graded.get(id(turn)), rubrics) for turn in q.turns]
        body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body><main>\n" + "\n".join(body) + "\n</main></body>\n</html>\n"
    )


# -- JSON and dispatch -----------------------------------------------------------


def to_json(transcript: Transcript) -> str:
    """The transcript itself: it holds no secrets (keys live in the environment)."""
    return transcript.model_dump_json(indent=2) + "\n"


def export(transcript: Transcript, fmt: Format, rubrics: RubricSet | None = None) -> str:
    if fmt == "md":
        return to_markdown(transcript, rubrics)
    if fmt == "html":
        return to_html(transcript, rubrics)
    return to_json(transcript)
