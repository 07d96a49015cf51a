"""One answer's feedback as a card: the score first, then why.

The score line stays visible when feedback is hidden (``-hide-feedback`` on
an ancestor hides only the body), so a candidate who wants to answer without
being steered still sees how it went.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from interviewer.content.models import Feedback
from interviewer.history.marks import ESTIMATED, estimated
from interviewer.ui.formatting import score_bar, scored_row, title_of
from interviewer.ui.widgets.lists import BulletList

FLAG_TEXT = {
    "instruction-to-grader": "the answer addresses the grader",
    "buzzword-list": "a list of terms more than an explanation",
    "empty": "no real answer",
    "off-topic": "does not address the question",
}


class FeedbackCard(Vertical):
    def __init__(
        self,
        feedback: Feedback,
        titles: Mapping[str, str],
        *,
        follow_up_asked: bool = False,
        heading: str | None = None,
        check_key: str | None = None,
    ) -> None:
        super().__init__(classes="card feedback-card")
        self.feedback = feedback
        self.titles = titles
        self.follow_up_asked = follow_up_asked
        self.border_title = heading or f"Feedback · {feedback.rubric} rubric"
        self.border_subtitle = f"graded by {feedback.evaluator}"
        if check_key:  # the key that opens the self-check on this answer
            self.border_subtitle += f" · {check_key} self-check"

    def compose(self) -> ComposeResult:
        fb = self.feedback
        yield Static(
            Content.assemble(
                ("Score ", "bold"), score_bar(fb.overall, 20), (f" {fb.overall:.1f}/5", "bold")
            ),
            classes="overall",
        )
        if estimated(fb):
            yield Static(f"{ESTIMATED.capitalize()}.", classes="estimate muted")
        if fb.verdict:
            yield Static(fb.verdict, classes="verdict", markup=False)
        if fb.notice:
            yield Static(Content.assemble(("⚠ ", "bold"), fb.notice), classes="notice")
        if fb.flags:
            flags = "; ".join(FLAG_TEXT.get(f, f) for f in fb.flags)
            yield Static(Content.assemble(("Flagged: ", "bold"), flags), classes="flags")
        with Vertical(classes="card-body"):
            names = [title_of(c.id, self.titles) for c in fb.criteria]
            width = min(28, max((len(n) for n in names), default=0))  # every built-in title
            quoted: set[str] = set()  # a quote behind several scores is shown once, first
            for name, criterion in zip(names, fb.criteria, strict=True):
                yield Static(
                    scored_row(name, criterion.score, width, shown=f"{criterion.score}/5"),
                    classes="criterion",
                )
                for quote in criterion.evidence:
                    if quote in quoted:
                        continue
                    quoted.add(quote)
                    with Horizontal(classes="evidence"):
                        yield Static("“", classes="marker")
                        yield Static(f"{quote}”", classes="item", markup=False)
            yield BulletList("Covered", fb.covered_points, "✓", classes="covered")
            yield BulletList("Missed", fb.missed_points, "✗", classes="missed")
            yield BulletList("Strengths", fb.strengths, "+", classes="strengths")
            yield BulletList("To improve", fb.gaps, "−", classes="gaps")
            if fb.follow_up and not self.follow_up_asked:
                yield Static(
                    Content.assemble(("Follow-up to think about: ", "bold"), fb.follow_up),
                    classes="follow-up",
                )
