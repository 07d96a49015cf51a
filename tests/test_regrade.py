"""Regrading: same answers, another rubric, scores that move the expected way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.content.models import Feedback
from interviewer.errors import UserError
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import GradeRequest, StreamCallback
from interviewer.history.regrade import Regrade, pair_criteria, regrade
from interviewer.history.schema import Transcript, load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.reports.regrade_view import comparison_text
from tests.conftest import run_cli
from tests.sessions import WEAK, run_session, strong

# Written for a product manager: plain words, what it means for the business,
# and a recommendation; thinner on the technical key points.
CONSULTANT = {
    "fraud-imbalanced-metric": (
        "Accuracy is misleading here: a model that calls every payment legitimate already "
        "scores 99.8 percent and catches no fraud at all. Instead I would judge it by how much "
        "of the fraud it catches and how many of its alarms are real fraud, measured at the "
        "number of alerts the fraud team can actually review each day. This matters for the "
        "business because every missed fraud case costs the bank money, and every false alarm "
        "costs analyst time and annoys a customer whose card is declined. My recommendation is "
        "to not ship yet: pick the model that catches the most fraud for the alerts the team "
        "can handle, and report those two numbers to the business."
    ),
    "ride-eta-data-drift-vs-concept-drift": (
        "There are two ways the world can change under our arrival-time predictions. The first "
        "is that the kinds of trips change: when we launch in a new suburb, riders take longer "
        "highway trips the model rarely saw. The second is that the same trip starts taking a "
        "different time: a bridge closes for roadworks and the usual route gets slower, so "
        "familiar trips get wrong estimates. We can spot the first without waiting, by "
        "comparing this week's trips with the ones the model learned from. The second only "
        "shows up when trips finish and we see how long they really took, so we track how far "
        "off our estimates are. This matters for the business because late estimates annoy "
        "riders, cost us refunds and push customers to competitors. My recommendation is to "
        "alert on the size of our estimate errors in each city, and treat changes in the trip "
        "mix as an early warning."
    ),
}
# Strong technical coverage in unexplained jargon, with no business framing.
JARGON = {
    "fraud-imbalanced-metric": (
        "Accuracy is meaningless at 1:500 prevalence since the trivial majority-class classifier "
        "gets 99.8%. Use PR-AUC (average precision) as the primary metric because it focuses on "
        "the minority class, whereas ROC-AUC is optimistic since the TN count dominates the FPR. "
        "Report precision and recall at the operating threshold, calibrate with isotonic "
        "regression, and optimise F-beta with beta>1 given the asymmetric cost of FN versus FP. "
        "Use stratified k-fold CV, SMOTE or class weights, and compare XGBoost against L2 "
        "logistic regression under the cost matrix."
    ),
    "ride-eta-data-drift-vs-concept-drift": (
        "Data drift is covariate shift in P(X), e.g. new geos shift the feature marginals; "
        "concept drift is a shift in P(y|X), e.g. roadworks change the conditional. Detect "
        "covariate shift label-free with PSI or KS tests per feature, plus adversarial "
        "validation. Concept drift requires ground-truth labels (actual trip durations) to "
        "track MAE/RMSE, with ADWIN or Page-Hinkley detectors on the residual stream. "
        "Trade-off: PSI thresholds are noisy versus label latency, so use both, with "
        "importance-weighted retraining under covariate shift."
    ),
}


async def _interview(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore, answers: dict[str, str]
) -> Transcript:
    questions = [library.bank.get(qid) for qid in answers]
    return await run_session(
        library,
        offline,
        store,
        lambda p: answers[p.question.id],
        plan=questions,
    )


@pytest.fixture
def store(tmp_path: Path) -> TranscriptStore:
    return TranscriptStore(tmp_path / "t")


def _overall(transcript: Transcript) -> float:
    assert transcript.summary is not None and transcript.summary.overall is not None
    return transcript.summary.overall


async def test_consultant_rubric_moves_plain_answers_up_and_jargon_down(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    plain = await _interview(library, offline, store, CONSULTANT)
    jargon = await _interview(library, offline, store, JARGON)
    # Under each question's topic rubric, depth wins.
    assert _overall(jargon) > _overall(plain)

    plain_re = await regrade(plain, library, offline, "consultant")
    jargon_re = await regrade(jargon, library, offline, "consultant")

    assert _overall(plain_re.transcript) > _overall(plain)
    assert _overall(jargon_re.transcript) < _overall(jargon)
    assert _overall(plain_re.transcript) > _overall(jargon_re.transcript)
    for plain_answer, jargon_answer in zip(plain_re.answers, jargon_re.answers, strict=True):
        assert plain_answer.old is not None and jargon_answer.old is not None
        assert plain_answer.new.overall > plain_answer.old.overall
        assert jargon_answer.new.overall < jargon_answer.old.overall
        plain_scores = {c.id: c.score for c in plain_answer.new.criteria}
        jargon_scores = {c.id: c.score for c in jargon_answer.new.criteria}
        assert plain_scores["plain-language"] >= jargon_scores["plain-language"]
        assert plain_scores["business-impact"] > jargon_scores["business-impact"]
        assert plain_scores["recommendation"] > jargon_scores["recommendation"]


async def test_regrade_is_a_new_transcript_with_the_same_answers(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    original = await run_session(library, offline, store, strong, follow_ups=1)
    original.turns[0].answer = "  Odd   spacing,\n\tkept verbatim.  "  # as if typed so
    result = await regrade(original, library, offline, "consultant")
    new = result.transcript
    assert new.id != original.id and new.regraded_from == original.id
    assert [t.answer for t in new.turns] == [t.answer for t in original.turns]
    assert [(t.question_id, t.kind, t.status) for t in new.turns] == [
        (t.question_id, t.kind, t.status) for t in original.turns
    ]
    assert new.settings.rubric == "consultant" and new.settings.evaluator == "offline"
    graded = [t for t in new.turns if t.status == "answered"]
    assert graded and all(t.feedback and t.feedback.rubric == "consultant" for t in graded)
    assert all(t.rubric == "consultant" for t in graded)
    assert new.summary is not None and original.summary is not None
    assert new.summary.answered == original.summary.answered
    assert len(result.answers) == len(graded)
    # The original object is untouched: regrading works on a copy.
    assert all(
        t.feedback and t.feedback.rubric != "consultant" for t in original.turns if t.feedback
    )


class Recording:
    """The offline evaluator, keeping every request it was given."""

    def __init__(self, inner: OfflineEvaluator) -> None:
        self.inner = inner
        self.requests: list[GradeRequest] = []

    @property
    def name(self) -> str:
        return "offline"

    async def evaluate(
        self, request: GradeRequest, on_text: StreamCallback | None = None
    ) -> Feedback:
        self.requests.append(request)
        return await self.inner.evaluate(request, on_text)

    async def aclose(self) -> None:
        return None


async def test_follow_ups_are_regraded_with_their_own_questions_thread(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    # A weak first answer draws a follow-up; its answer is graded with the thread.
    original = await run_session(
        library,
        offline,
        store,
        lambda p: WEAK if p.kind == "question" else strong(p),
        follow_ups=1,
    )
    recorder = Recording(offline)
    await regrade(original, library, recorder, "structured")
    answered = [t for t in original.turns if t.status == "answered"]
    assert len(recorder.requests) == len(answered)
    for turn, request in zip(answered, recorder.requests, strict=True):
        assert request.question.id == turn.question_id and request.answer == turn.answer
        assert request.kind == turn.kind and request.prompt == turn.prompt
        if turn.kind == "question":
            assert request.thread == ()
        else:
            assert [e.answer for e in request.thread] == [WEAK]
            assert {e.kind for e in request.thread} == {"question"}


def test_criteria_pair_by_id_then_by_measure(library: Library) -> None:
    topic = library.rubrics.get("model-selection")
    consultant = library.rubrics.get("consultant")

    def feedback(rubric_id: str, scores: dict[str, int]) -> Feedback:
        return Feedback.model_validate(
            {
                "overall": 3.0,
                "criteria": [{"id": k, "score": v} for k, v in scores.items()],
                "evaluator": "offline",
                "rubric": rubric_id,
            }
        )

    old = feedback("model-selection", {c.id: 2 for c in topic.criteria})
    new = feedback("consultant", {c.id: 4 for c in consultant.criteria})
    rows = {
        (r.old_id, r.new_id): (r.old, r.new) for r in pair_criteria(old, topic, new, consultant)
    }
    assert rows[("metric-choice", "substance")] == (2, 4)  # both measure coverage
    assert rows[("communication", "clarity")] == (2, 4)  # both measure clarity
    assert rows[("reasoning", None)] == (2, None)  # the consultant does not judge it
    assert rows[(None, "business-impact")] == (None, 4)
    # Every criterion of both rubrics appears exactly once.
    assert sorted(o for o, _ in rows if o) == sorted(c.id for c in topic.criteria)
    assert sorted(n for _, n in rows if n) == sorted(c.id for c in consultant.criteria)


async def test_side_by_side_view_shows_old_and_new_per_answer_and_criterion(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    original = await _interview(library, offline, store, JARGON)
    result = await regrade(original, library, offline, "consultant")
    text = comparison_text(result, Path("/x/new.json"))
    assert f"Regrade of {original.id}" in text and "/x/new.json" in text
    lines = text.splitlines()
    for change in result.answers:
        header = next(i for i, line in enumerate(lines) if change.turn.question_id in line)
        block = lines[header : header + 4 + len(change.criteria)]
        overall = next(line for line in block if line.split()[:1] == ["overall"])
        assert change.old is not None
        assert overall.split()[1:3] == [f"{change.old.overall:.1f}", f"{change.new.overall:.1f}"]
        for row in change.criteria:
            line = next(line for line in block if line.strip().startswith(row.label))
            figures = line.strip().removeprefix(row.label).split()
            assert figures[:2] == [str(row.old or "-"), str(row.new or "-")]
    assert "metric-choice → substance" in text
    assert max(len(line) for line in lines if "/x/new.json" not in line) <= 80
    assert lines[-len(result.new_summary.topics) - 1].startswith("    overall")


async def test_unknown_rubric_or_question_fails_before_grading(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    original = await run_session(library, offline, store, strong)
    recorder = Recording(offline)
    with pytest.raises(UserError, match="unknown rubric 'nope'"):
        await regrade(original, library, recorder, "nope")
    original.turns[-1].question_id = "gone-from-the-bank"
    with pytest.raises(UserError, match="question 'gone-from-the-bank'"):
        await regrade(original, library, recorder, "consultant")
    assert recorder.requests == []


async def test_topic_rubrics_and_ungraded_answers(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    original = await run_session(library, offline, store, strong, rubric="consultant")
    original.turns[0].feedback = None  # saved, then the program died before grading
    result: Regrade = await regrade(original, library, offline, None)
    assert result.answers[0].old is None
    assert result.transcript.settings.rubric is None
    for turn in result.transcript.turns:
        question = library.bank.get(turn.question_id)
        assert turn.feedback and turn.feedback.rubric == library.rubric_for(question)


async def test_cli_regrade_saves_beside_the_original_and_lists_it(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    original = await _interview(library, offline, store, CONSULTANT)
    path = store.path_for(original)
    before = path.read_bytes()
    done = run_cli("regrade", str(path), "--rubric", "consultant", "--offline")
    assert done.returncode == 0, done.stderr
    assert f"Regrade of {original.id}" in done.stdout
    assert path.read_bytes() == before
    others = [p for p in store.files() if p != path]
    assert len(others) == 1
    saved = load_transcript(others[0])
    assert saved.regraded_from == original.id and str(others[0]) in done.stdout
    listing = run_cli("transcripts", "--transcripts", str(store.directory))
    assert f"(regrade of {original.id})" in listing.stdout


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "id": "x", "turns": [')
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"schema_version": 1, "id": "x", "started_at": 5}))
    for args, named in [
        ((str(broken), "--rubric", "consultant"), str(broken)),
        ((str(wrong), "--rubric", "consultant"), "wrong.json: field '"),
        (("no-such-id", "--rubric", "consultant"), "no-such-id"),
    ]:
        done = run_cli("regrade", *args, "--offline")
        assert done.returncode == 2
        assert named in done.stderr and len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr


async def test_cli_unknown_rubric_names_it(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> None:
    original = await run_session(library, offline, store, strong)
    done = run_cli("regrade", str(store.path_for(original)), "--rubric", "nope", "--offline")
    assert done.returncode == 2 and "unknown rubric 'nope'" in done.stderr
    assert len(store.files()) == 1
