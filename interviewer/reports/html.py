"""The HTML report: one self-contained file that needs nothing from the network.

Candidate text (and anything an LLM wrote about it) is untrusted: every
string this module did not write itself is escaped, and the page carries a
content-security policy that forbids scripts and remote loads. Styles are
inline and use the reader's own fonts.
"""

from __future__ import annotations

import html

from interviewer.content.rubrics import RubricSet
from interviewer.history.schema import Summary, Transcript, Turn
from interviewer.history.summary import summary_of
from interviewer.reports import parts as report

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


def _html_feedback(graded: report.Reported, rubrics: RubricSet | None) -> str:
    feedback = graded.feedback
    title = report.criterion_titles(rubrics, feedback)
    parts = [
        f'<p><span class="score">Score {feedback.overall:.1f}/5</span> '
        f'<span class="note">({h(report.score_note(graded))})</span></p>',
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
    parts += [_html_list(label, getattr(feedback, attr)) for label, attr in report.LISTS]
    return "".join(parts)


def _html_summary(summary: Summary) -> str:
    if summary.overall is None:
        return "<p>No answers were graded in this session.</p>"
    rows = "".join(
        f'<tr><td>{h(name)}</td><td class="num">{score:.1f} {_html_bar(score)}</td></tr>'
        for name, score in report.areas(summary)
    )
    return (
        "<h2>Summary</h2>"
        f"<table><thead><tr><th>Area</th><th>Score</th></tr></thead><tbody>{rows}</tbody></table>"
        + _html_list("Strongest", summary.strongest)
        + _html_list("Weakest", summary.weakest)
        + _html_list("Practise next", summary.practise_next)
    )


def _html_turn(turn: Turn, graded: report.Reported | None, rubrics: RubricSet | None) -> str:
    parts = [f"<h3>{report.turn_label(turn)}</h3><blockquote>"]
    parts += [f"<p>{h(p)}</p>" for p in report.paragraphs(turn.prompt)]
    parts.append("</blockquote>")
    parts.append(_html_list("Hints taken", turn.hints))
    status = report.status(turn)
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
    meta = "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in report.meta(transcript, summary))
    body = [f"<h1>{h(title)}</h1>", f'<dl class="meta">{meta}</dl>']
    body.append(_html_summary(summary))
    graded = report.reported(transcript, rubrics)
    for q in report.questions(transcript):
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
