"""The Markdown report: answers verbatim in fenced blocks, every other string escaped.

Candidate text (and anything an LLM wrote about it) is untrusted: ``md``
escapes the characters that would turn it into links, tags, emphasis or
table breaks, and a fence is always longer than any backtick run inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from interviewer.content.rubrics import RubricSet
from interviewer.history.schema import Transcript
from interviewer.history.summary import summary_of
from interviewer.reports import parts as report
from interviewer.reports.render import bar

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
    for paragraph in report.paragraphs(text):
        lines += [">"] if lines else []
        lines.append(f"> {md(paragraph)}")
    return lines


def _md_feedback(graded: report.Reported, rubrics: RubricSet | None) -> Iterator[str]:
    feedback = graded.feedback
    title = report.criterion_titles(rubrics, feedback)
    yield f"**Score {feedback.overall:.1f}/5** ({md(report.score_note(graded))})"
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
    for label, attr in report.LISTS:
        items: list[str] = getattr(feedback, attr)
        if items:
            yield f"{label}:"
            yield ""
            yield from (f"- {md(item)}" for item in items)
            yield ""


def to_markdown(transcript: Transcript, rubrics: RubricSet | None = None) -> str:
    summary = summary_of(transcript, rubrics)
    lines = [f"# Interview report, {transcript.started_at.astimezone():%Y-%m-%d}", ""]
    lines += [f"- **{label}:** {md(value)}" for label, value in report.meta(transcript, summary)]
    if summary.overall is not None:
        lines += ["", "## Summary", "", "| Area | Score | |", "| --- | --- | --- |"]
        lines += [f"| {md(name)} | {s:.1f} | `{bar(s)}` |" for name, s in report.areas(summary)]
        lines.append("")
        for label, items in (
            ("Strongest", summary.strongest),
            ("Weakest", summary.weakest),
            ("Practise next", summary.practise_next),
        ):
            if items:
                lines += [f"{label}:", "", *(f"- {md(i)}" for i in items), ""]
    graded = report.reported(transcript, rubrics)
    for q in report.questions(transcript):
        lines += ["", f"## {q.number}. {md(q.question_id)} ({md(q.topic)})", ""]
        for turn in q.turns:
            lines += [f"### {report.turn_label(turn)}", ""]
            lines += [*_md_quote(turn.prompt), ""]
            if turn.hints:
                lines += ["Hints taken:", "", *(f"- {md(h)}" for h in turn.hints), ""]
            status = report.status(turn)
            if status:
                lines += [status, ""]
            if turn.answer is not None:
                lines += (["Answer:", ""] if not status else []) + md_fenced(turn.answer) + [""]
            if id(turn) in graded:
                lines += list(_md_feedback(graded[id(turn)], rubrics))
    return "\n".join(lines).rstrip() + "\n"
