"""The offline evaluator: rubric scores from key-point coverage and wording signals.

It runs in milliseconds with no network and no model, and its scores are
calibrated to mean something on the 1-5 scale: content comes first (the
criteria that judge how an answer explains are capped by how much of the
question it actually answers, so a fluent answer to a different question
cannot score well), a list of terms without reasoning earns partial credit
at most, and sentences that address the grader are removed before grading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from interviewer.clip import excerpt
from interviewer.content.models import CriterionScore, Feedback, Flag, Question
from interviewer.grading.offline import hygiene, signals
from interviewer.grading.offline.matching import (
    PARTIAL,
    PointMatch,
    PointTerms,
    TermWeights,
    match_points,
)
from interviewer.grading.offline.measures import MEASURES, Reading
from interviewer.grading.offline.text import STOPWORDS, sentences, terms, words
from interviewer.grading.protocol import WORDING_LEAD, GradeRequest, StreamCallback

_DONT_KNOW = re.compile(
    r"\b(?:i don'?t know|i do not know|no idea|not sure|dunno|idk|no clue|can'?t remember"
    r"|pass|skip|nothing)\b",
    re.IGNORECASE,
)
TOPICAL = 0.6
"""Share of an answer's terms from the scenario's own vocabulary that counts as fully on topic."""
RELEVANT = 0.85
"""Coverage at which an answer counts as fully about this question."""
OFF_SCENARIO = 0.25
"""The share an answer to another question reaches by sharing the field's common words."""
BUZZWORD_CREDIT = 0.6
"""Share of a key point's credit a bare list of terms earns: naming is not explaining."""
WRONG = 1.0
"""What a contradicted key point costs, as a share of its weight: as much as it would earn."""
ENOUGH = 0.85
"""Share of the weighted key-point credit that earns full coverage: few answers say it all."""
SHRINK = 0.35
"""How far a wording criterion is pulled toward the content score: wording is weak evidence."""
LEAD = WORDING_LEAD
"""How far a wording criterion may score above the content: wording is second."""


def _score(strength: float) -> int:
    return max(1, min(5, 1 + round(4 * max(0.0, min(1.0, strength)))))


def _quote(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else excerpt(text, limit)


class OfflineEvaluator:
    """Grades against the question's key points and the rubric, deterministically."""

    def __init__(self, questions: Iterable[Question]) -> None:
        self._questions = list(questions)
        self._weights: TermWeights | None = None
        self._points: dict[str, list[PointTerms]] = {}
        self._vocabularies: dict[str, frozenset[str]] = {}

    @property
    def name(self) -> str:
        return "offline"

    async def evaluate(
        self, request: GradeRequest, on_text: StreamCallback | None = None
    ) -> Feedback:
        return self.grade(request)

    async def aclose(self) -> None:
        return None

    def _point_terms(self, question: Question) -> list[PointTerms]:
        if self._weights is None:
            self._weights = TermWeights(self._questions)
        cached = self._points.get(question.id)
        if cached is None or [p.point for p in cached] != question.key_points:
            given = terms(question.prompt).unique
            cached = [self._weights.point_terms(p, given) for p in question.key_points]
            self._points[question.id] = cached
        return cached

    def grade(self, request: GradeRequest) -> Feedback:
        rubric = request.rubric
        answer, instructions = hygiene.split_instructions(request.answer)
        flags: list[Flag] = ["instruction-to-grader"] if instructions else []
        typed = len(words(answer))
        answer, repeated = hygiene.drop_repeats(answer)
        if repeated:
            flags.append("repetition")
        length = signals.Length(said=len(words(answer)), typed=typed)

        if _is_empty(answer):
            return self._empty(request, flags)

        # A follow-up is graded as the whole thread on this question, the way an
        # interviewer judges where the candidate ended up: what the main answer
        # already said still counts after a short, focused follow-up answer. An
        # earlier answer that was about something else brings nothing along.
        earlier = [self._clean(a) for a in request.thread_answers[:-1]]
        earlier = [a for a in earlier if not self._off_topic(request.question, a)]
        thread = "\n\n".join([*earlier, answer])
        parts = sentences(thread)
        matches = match_points(self._point_terms(request.question), thread)
        buzzwords = hygiene.buzzword_list(answer, sentences(answer))
        if buzzwords:
            flags.append("buzzword-list")
        coverage = self._coverage(matches) * (BUZZWORD_CREDIT if buzzwords else 1.0)
        if self._off_topic(request.question, thread, matches):
            flags.append("off-topic")
        contradicted = [m for m in matches if m.contradiction]
        if contradicted:
            flags.append("contradiction")
        # Content first: how an answer explains only counts as far as it answers
        # this question (its key points, or at least the scenario's own vocabulary,
        # since a plain-language answer may avoid the key points' jargon), and never
        # more than a step above what it gets right, so a fluent wrong answer
        # cannot score well on its wording.
        overlap = self._topical_overlap(request.question, thread)
        relevance = min(
            1.0, max(coverage / RELEVANT, (overlap - OFF_SCENARIO) / (TOPICAL - OFF_SCENARIO))
        )
        if contradicted:
            relevance = min(relevance, coverage / RELEVANT)
        content = _score(coverage)
        cap = min(int(1.5 + 3.5 * relevance), content + LEAD)

        reading = Reading(parts, thread, length, request.kind == "follow_up")
        criteria = []
        for criterion in rubric.criteria:
            if criterion.measure == "coverage":
                score = content
                comment, evidence = _coverage_comment(matches), _coverage_evidence(matches)
            else:
                measure = MEASURES[criterion.measure]
                signal = measure.read(reading)
                raw = _score(signal.strength)
                score = min(cap, _score((1 - SHRINK) * signal.strength + SHRINK * coverage))
                if buzzwords:
                    score = min(score, 1 if criterion.measure == "reasoning" else 2)
                if score < raw and score <= 3 and not buzzwords:
                    comment = _CAPPED
                    evidence = []
                else:
                    comment = measure.comment(score)
                    evidence = list(signal.evidence)
            criteria.append(
                CriterionScore(
                    id=criterion.id,
                    score=score,
                    comment=comment,
                    evidence=[_quote(e) for e in _distinct(evidence)[:2]],
                )
            )

        covered = [m.point.text for m in matches if m.covered]
        missed = [m.point.text for m in matches if not m.covered]
        by_id = {c.id: c for c in rubric.criteria}
        strengths = [
            f"{by_id[c.id].title}: {c.comment}" for c in criteria if c.score >= 4 and c.comment
        ]
        gaps = [f"{by_id[c.id].title}: {c.comment}" for c in criteria if c.score <= 2 and c.comment]
        gaps[:0] = [_contradiction_gap(m) for m in contradicted]
        if buzzwords:
            gaps.insert(0, "This reads as a list of terms: say why each one matters here.")
        if repeated:
            gaps.insert(0, _REPEAT_GAP)
        if instructions:
            gaps.insert(0, _INSTRUCTION_GAP)
        if "off-topic" in flags:
            gaps.insert(0, "The answer does not address this question's scenario.")
        return Feedback(
            overall=rubric.weighted({c.id: c.score for c in criteria}),
            criteria=criteria,
            covered_points=covered,
            missed_points=missed,
            strengths=strengths,
            gaps=gaps,
            follow_up=self._follow_up(request, matches),
            evaluator=self.name,
            rubric=rubric.id,
            flags=flags,
        )

    @staticmethod
    def _clean(answer: str) -> str:
        return hygiene.drop_repeats(hygiene.split_instructions(answer)[0])[0]

    @staticmethod
    def _coverage(matches: list[PointMatch]) -> float:
        """Weighted credit, less a penalty for each point the answer takes the other side of.

        Saying the opposite of a key point is worse than leaving it out, as it is
        for a human grader: it costs WRONG of that point's weight.
        """
        total = sum(m.point.weight for m in matches)
        earned = sum(m.point.weight * m.credit for m in matches)
        lost = WRONG * sum(m.point.weight for m in matches if m.contradiction)
        return min(1.0, max(0.0, earned - lost) / (ENOUGH * total))

    def _off_topic(
        self, question: Question, text: str, matches: list[PointMatch] | None = None
    ) -> bool:
        """Long enough to judge, saying none of the question's key points even in part, and
        not in the scenario's own words: a wrong answer about this scenario ("a random split
        is fine, the same patient in train and test doesn't matter") is wrong, not off-topic."""
        if terms(text).content_count < 12:
            return False
        if matches is None:
            matches = match_points(self._point_terms(question), text)
        if any(m.contradiction for m in matches):
            return False
        return all(m.share < PARTIAL for m in matches) and (
            self._topical_overlap(question, text) < TOPICAL
        )

    def _vocabulary(self, question: Question) -> frozenset[str]:
        cached = self._vocabularies.get(question.id)
        if cached is None:
            texts = [question.prompt, question.reference_answer or "", *question.follow_ups]
            texts += [p.text for p in question.key_points] + [
                h for p in question.key_points for h in p.hints
            ]
            cached = frozenset().union(*(terms(t).unique for t in texts))
            self._vocabularies[question.id] = cached
        return cached

    def _topical_overlap(self, question: Question, answer: str) -> float:
        """Share of the answer's distinct content terms that belong to this scenario."""
        said = terms(answer).unique
        if not said:
            return 0.0
        # A few words share a scenario's vocabulary by chance; trust the share
        # only as the answer grows to a couple of sentences.
        trust = min(1.0, len(said) / 12)
        return trust * len(said & self._vocabulary(question)) / len(said)

    def _empty(self, request: GradeRequest, flags: list[Flag]) -> Feedback:
        rubric = request.rubric
        criteria = [
            CriterionScore(id=c.id, score=1, comment="No answer to judge.") for c in rubric.criteria
        ]
        matches = match_points(self._point_terms(request.question), "")
        return Feedback(
            overall=1.0,
            criteria=criteria,
            covered_points=[],
            missed_points=[p.text for p in request.question.key_points],
            strengths=[],
            gaps=[
                *([_INSTRUCTION_GAP] if "instruction-to-grader" in flags else []),
                "No answer was given. Even a partial attempt, thinking out loud, earns credit.",
            ],
            follow_up=self._follow_up(request, matches),
            evaluator=self.name,
            rubric=rubric.id,
            flags=[*flags, "empty"],
        )

    def _follow_up(self, request: GradeRequest, matches: list[PointMatch]) -> str | None:
        """A question at the most important missed point that does not give it away.

        The bank's own follow-up closest to the point comes first, then the
        point's ``probe``, then a neutral question about the point's subject:
        never the point itself, which would hand the candidate the answer.
        """
        asked = request.asked_follow_ups
        candidates = [f for f in request.question.follow_ups if f not in asked]
        missed = [m for m in matches if not m.covered]
        if not missed:
            return None
        missed.sort(key=lambda m: -m.point.weight)  # stable: bank order breaks ties
        for target in missed:
            wanted = terms(target.point.text).unique.union(
                *(terms(h).unique for h in target.point.hints)
            )
            scored = [(len(wanted & terms(f).unique), f) for f in candidates]
            best = max(scored, key=lambda s: s[0], default=None)
            if best is not None and best[0] > 0:
                return best[1]
        for target in missed:
            if target.point.probe and target.point.probe not in asked:
                return target.point.probe
        built = _neutral_follow_up(request.question, missed[0].point.text)
        if built not in asked:
            return built
        return candidates[0] if candidates else None


def _is_empty(answer: str) -> bool:
    content = terms(answer).content_count
    return content < 3 or (content < 12 and bool(_DONT_KNOW.search(answer)))


NEUTRAL_FOLLOW_UP = "Coming back to {about}: what would you look at there, and why does it matter?"
OPEN_FOLLOW_UP = "What else would you weigh in this scenario before deciding, and why?"


def _neutral_follow_up(question: Question, point: str) -> str:
    """A question about what the missed point is about, in the scenario's own words only.

    The subject is the point's first words that the question itself already
    uses, so the follow-up names nothing the candidate has not been told.
    """
    given = terms(question.prompt).unique
    subject = [
        w
        for w in words(point)
        if w not in STOPWORDS and not w.isdigit() and terms(w).unique <= given
    ]
    if not subject:
        return OPEN_FOLLOW_UP
    return NEUTRAL_FOLLOW_UP.format(about=subject[0])


def _distinct(quotes: list[str]) -> list[str]:
    """Each quote once: two signals often point at the same sentence."""
    seen: dict[str, str] = {}
    for q in quotes:
        seen.setdefault(" ".join(q.split()), q)
    return list(seen.values())


def _contradiction_gap(match: PointMatch) -> str:
    said = _quote(match.contradiction or "", 120)
    return (
        f'You said "{said}", which takes the other side of a key point. '
        f"The point: {match.point.text}"
    )


def _coverage_comment(matches: list[PointMatch]) -> str:
    covered = sum(m.covered for m in matches)
    partial = sum(1 for m in matches if not m.covered and m.credit > 0.3)
    text = f"Covered {covered} of {len(matches)} key points"
    return text + (f", {partial} more in part." if partial else ".")


def _coverage_evidence(matches: list[PointMatch]) -> list[str]:
    seen: list[str] = []
    for m in sorted(matches, key=lambda m: -m.share):
        for e in m.evidence:
            if e not in seen:
                seen.append(e)
    return seen


_REPEAT_GAP = "Repeating a sentence adds nothing: each one was counted once."
_INSTRUCTION_GAP = "Part of the answer spoke to the grader instead of the question; it was ignored."
_CAPPED = "Held down by the content: wording counts as far as the answer is right and on topic."
