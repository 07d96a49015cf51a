"""The offline evaluator reads what an answer says about a key point, not only its words.

Issue 8's findings, each as a test: a wrong answer in the right vocabulary,
correct paraphrases, two points in one sentence, padding, a 100 KB answer,
the consultant rubric's plain-language measure, and a follow-up's thread.
"""

from __future__ import annotations

import pytest

from interviewer.content.bank import Library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.offline.jargon import plain_language
from interviewer.grading.offline.text import sentences
from interviewer.grading.protocol import Exchange, GradeRequest
from tests.test_offline_evaluator import OFF_TOPIC, grade

FRAUD = "fraud-imbalanced-metric"
PR_AUC_POINT = "Use precision-recall AUC because it focuses on performance on the rare fraud class."

# The issue's own example: the right words, the wrong side.
WRONG_FRAUD = (
    "Accuracy is fine here because the model is right 99.8% of the time, and that is what the "
    "business understands. PR AUC focuses on the rare fraud class, but that is exactly why it "
    "is a bad choice. I recommend reporting accuracy."
)


def test_a_dismissed_point_is_not_covered_and_the_feedback_says_so(
    library: Library, offline: OfflineEvaluator
) -> None:
    feedback = grade(library, offline, WRONG_FRAUD)
    assert PR_AUC_POINT not in feedback.covered_points
    assert "contradiction" in feedback.flags
    said = [g for g in feedback.gaps if "takes the other side of a key point" in g]
    assert any("bad choice" in g and PR_AUC_POINT in g for g in said), feedback.gaps
    assert feedback.overall <= 2.5


def test_the_same_point_said_the_right_way_round_is_covered(
    library: Library, offline: OfflineEvaluator
) -> None:
    right = (
        "PR AUC focuses on the rare fraud class, which is exactly why it is the right choice: "
        "accuracy is misleading when 99.8% of transactions are legitimate."
    )
    feedback = grade(library, offline, right)
    assert PR_AUC_POINT in feedback.covered_points
    assert "contradiction" not in feedback.flags


def test_negation_rejection_and_reversed_comparison_withdraw_credit(
    library: Library, offline: OfflineEvaluator
) -> None:
    point = (
        "Report precision and recall at the operating threshold the fraud team will actually use."
    )
    said = "I would report precision and recall at the threshold the fraud team will use."
    assert point in grade(library, offline, said).covered_points
    for denial in (
        "There is no need to report precision and recall at the threshold the fraud team uses.",
        "I would never report precision and recall at the threshold the fraud team uses.",
        "Reporting precision and recall at the fraud team's threshold is not needed.",
    ):
        feedback = grade(library, offline, denial)
        assert point not in feedback.covered_points, denial
        assert "contradiction" in feedback.flags, denial
    reversed_ = grade(library, offline, "ROC AUC is better than PR AUC for the rare fraud class.")
    assert PR_AUC_POINT not in reversed_.covered_points
    instead = grade(library, offline, "Instead of PR AUC on the rare fraud class, use accuracy.")
    assert PR_AUC_POINT not in instead.covered_points


def test_backing_the_rejected_side_of_a_choice_takes_the_point_back(
    library: Library, offline: OfflineEvaluator
) -> None:
    """A point that chooses ("PR AUC rather than accuracy") is made only by choosing."""
    question = "payments-fraud-detection-full-walkthrough"
    point = (
        "Fraud is a tiny minority class, so evaluate with precision-recall AUC "
        "rather than accuracy."
    )
    chose = (
        "Fraud is a tiny minority class, so I would evaluate with PR AUC; accuracy is misleading."
    )
    assert point in grade(library, offline, chose, question).covered_points
    both = (
        "Fraud is a tiny minority class, but accuracy is still the right metric here. "
        "PR AUC is a good metric too."
    )
    feedback = grade(library, offline, both, question)
    assert point not in feedback.covered_points
    assert "contradiction" in feedback.flags


def test_denying_what_the_point_denies_agrees_with_it(
    library: Library, offline: OfflineEvaluator
) -> None:
    """Found holding an interview: "not drop them blindly" was read as the other side of
    "do not delete them blindly", because the denial reached "blindly" in the answer only."""
    question = "insurance-claims-outliers-keep-or-remove"
    point = "In fraud detection the outliers may be the signal, so do not delete them blindly."
    agrees = (
        "I would not drop them blindly: large claims are real and the business cares most "
        "about them."
    )
    feedback = grade(library, offline, agrees, question)
    assert point in feedback.covered_points
    assert "contradiction" not in feedback.flags
    disagrees = "Outliers are noise in fraud detection, so deleting them blindly is fine."
    assert point not in grade(library, offline, disagrees, question).covered_points


def test_describing_with_a_no_is_not_taking_the_other_side(
    library: Library, offline: OfflineEvaluator
) -> None:
    """ "A model that never flags an order" describes; it does not reject flagging."""
    answer = (
        "A model that says every order is fine would already be 99% accurate while catching no "
        "fraud, so accuracy misleads when fraud is this rare. Of the orders we flag, the share "
        "that really are fraud is precision."
    )
    feedback = grade(library, offline, answer, "fraud-model-explain-accuracy-to-product-manager")
    assert "contradiction" not in feedback.flags
    assert len(feedback.covered_points) >= 2


def test_correct_paraphrases_from_the_issue_are_covered(
    library: Library, offline: OfflineEvaluator
) -> None:
    cases = {
        "card-authorization-fraud-latency-budget": (
            "I would distil the large ensemble into a smaller model.",
            "Distill the large ensemble into a smaller model",
        ),
        "insurance-pricing-silent-upstream-unit-change": (
            "I would agree a data contract with the upstream team, so that changes to a field "
            "are announced before they ship.",
            "Agree data contracts with upstream teams",
        ),
    }
    for question_id, (answer, point) in cases.items():
        covered = grade(library, offline, answer, question_id).covered_points
        assert any(p.startswith(point) for p in covered), (question_id, covered)


def test_one_sentence_can_make_two_points(library: Library, offline: OfflineEvaluator) -> None:
    answer = (
        "Accuracy is misleading because calling every transaction legitimate already scores "
        "99.8 percent, so I would use PR AUC, which focuses on the rare fraud class."
    )
    assert len(sentences(answer)) == 1
    covered = grade(library, offline, answer).covered_points
    assert PR_AUC_POINT in covered
    assert any(p.startswith("Accuracy is misleading") for p in covered)


def test_repeating_a_sentence_counts_it_once(library: Library, offline: OfflineEvaluator) -> None:
    once = "Accuracy is misleading here because fraud is so rare."
    thin = grade(library, offline, once)
    padded = grade(library, offline, " ".join([once] * 12))
    assert padded.overall <= thin.overall
    assert all(p.score <= t.score for p, t in zip(padded.criteria, thin.criteria, strict=True))
    assert "repetition" in padded.flags
    assert any("counted once" in g for g in padded.gaps)


def test_a_huge_answer_is_not_easy_to_follow(library: Library, offline: OfflineEvaluator) -> None:
    sentence = "Shuffled folds put later days in training, so the error looks better than it is. "
    varied = "".join(f"Case {i}: {sentence}" for i in range(1500))  # about 100 KB
    assert len(varied) > 100_000
    feedback = grade(library, offline, varied, "time-series-cv-demand-forecast")
    communication = next(c for c in feedback.criteria if c.id == "communication")
    assert communication.score <= 2


def test_plain_language_runs_the_right_way() -> None:
    jargon = sentences(
        "We standardise features so the Euclidean distance is fair, seed centroids with k-means++, "
        "pick k by the within-cluster sum of squares with the elbow method, and check the "
        "silhouette score."
    )
    plain = sentences(
        "The model is right 92 times out of 100. When it says a customer will leave, it is right "
        "about 8 times in 10, so we call fewer loyal customers by mistake."
    )
    assert plain_language(jargon).strength <= 0.25
    assert plain_language(plain).strength >= 0.85


def test_naming_an_idea_just_explained_is_not_jargon() -> None:
    named = sentences(
        "When the model says 70%, about 70 in 100 of those customers really do leave. "
        "This is called calibration."
    )
    unexplained = sentences("The model needs calibration before launch.")
    assert plain_language(named).count == 0
    assert plain_language(unexplained).count == 1


def test_a_follow_up_takes_no_credit_from_an_off_topic_earlier_answer(
    library: Library, offline: OfflineEvaluator
) -> None:
    question = library.bank.get(FRAUD)
    follow_up = question.follow_ups[0]
    request = GradeRequest(
        question=question,
        rubric=library.rubrics.get("model-selection"),
        answer="I would pick it with the fraud team.",
        prompt=follow_up,
        kind="follow_up",
        thread=(Exchange(prompt=question.prompt, answer=OFF_TOPIC),),
    )
    feedback = offline.grade(request)
    quoted = [e for c in feedback.criteria for e in c.evidence]
    assert not any(part[:40] in OFF_TOPIC for part in quoted), quoted
    alone = offline.grade(
        GradeRequest(
            question=question,
            rubric=request.rubric,
            answer=request.answer,
            prompt=follow_up,
            kind="follow_up",
        )
    )
    assert feedback.overall == alone.overall


def test_evidence_quotes_are_distinct_and_emoji_stay_with_their_sentence(
    library: Library, offline: OfflineEvaluator
) -> None:
    assert sentences("Great result! 🎉 Lag features leak too.") == [
        "Great result! 🎉",
        "Lag features leak too.",
    ]
    answer = (
        "Shuffled k-fold is wrong here: it trains on the future, because training folds hold "
        "days after the validation days. Use a rolling origin: train on the past, validate on "
        "the next weeks, which means the error matches production."
    )
    feedback = grade(library, offline, answer, "time-series-cv-demand-forecast")
    for criterion in feedback.criteria:
        assert len(criterion.evidence) == len(set(criterion.evidence)), criterion


PM = "fraud-model-explain-accuracy-to-product-manager"
PRECISION = "Explain precision as the share of flagged orders that really are fraud."
RECALL = "Explain recall as the share of all fraudulent orders that the model catches."
MISSING = "hospital-readmission-mcar-mar-mnar"
MAR = "MAR means missingness depends on observed variables, such as the ward or the patient's age."


SWAPPED = (
    "Precision is how many of all the fraud cases we manage to catch, and recall is the "
    "share of the orders we flag that turn out to be fraud."
)
DEFINED = (
    "Precision means: of the orders we flag, how many really are fraud. Recall measures "
    "how much of all the fraud the model catches."
)
DRIFT = "ride-eta-data-drift-vs-concept-drift"
DATA_DRIFT = (
    "Data drift is a change in the input distribution P(X), such as trips in newly launched areas."
)
DRIFTS = {
    DATA_DRIFT,
    "Concept drift is a change in P(y given X), like the same route taking longer after roadworks.",
}
DRIFTS_SWAPPED = (
    "Data drift means the relationship between the features and the trip duration changes, "
    "for example when a new traffic rule makes the same route slower. Concept drift means the "
    "distribution of the inputs shifts, like many more airport trips in summer."
)
DRIFTS_DEFINED = (
    "Data drift is when the inputs themselves shift, say many more airport trips after we "
    "launch in a new city. Concept drift is when the same inputs now lead to a different "
    "duration, like a route taking longer after roadworks."
)
SCREENING = "precision-recall-cancer-screening"
SCREENING_POINTS = {
    "Recall is the share of actual cancers the model flags; a missed cancer is a false negative.",
    "Precision is the share of flagged scans that truly show cancer; "
    "low precision means many false positives.",
}
SCREENING_DEFINED = (
    "Recall is the share of real cancers that get flagged for review, so a missed cancer is a "
    "false negative. Precision is the share of flagged scans that really show cancer; when it "
    "is low we get many false positives."
)
SCREENING_SWAPPED = (
    "Precision is the share of real cancers that get flagged for review, so a missed cancer is "
    "a false negative. Recall is the share of flagged scans that really show cancer; when it is "
    "low we get many false positives."
)
CONTRASTED = (
    "MAR is different from MCAR: under MAR the missingness depends on observed variables, "
    "like the ward or the patient's age."
)


@pytest.mark.parametrize(
    ("question", "answer", "points", "right"),
    [
        (PM, SWAPPED, {PRECISION, RECALL}, False),
        (MISSING, "MAR means the same as MCAR: the missingness is random.", {MAR}, False),
        (PM, DEFINED, {PRECISION, RECALL}, True),
        (MISSING, CONTRASTED, {MAR}, True),
        # the concept-drift half shares one word with data drift's definition ("trips"): too
        # little to call it swapped without risking correct answers, so only the other half
        (DRIFT, DRIFTS_SWAPPED, {DATA_DRIFT}, False),
        (DRIFT, DRIFTS_DEFINED, DRIFTS, True),
        (SCREENING, SCREENING_SWAPPED, SCREENING_POINTS, False),
        (SCREENING, SCREENING_DEFINED, SCREENING_POINTS, True),
    ],
    ids=[
        "swapped",
        "merged",
        "other-words",
        "contrasted",
        "drifts-swapped",
        "drifts-defined",
        "screening-swapped",
        "screening-defined",
    ],
)
def test_a_definition_counts_only_when_said_of_its_own_term(
    library: Library,
    offline: OfflineEvaluator,
    question: str,
    answer: str,
    points: set[str],
    right: bool,
) -> None:
    """Precision defined as recall, or MAR as MCAR, is wrong however many words match."""
    feedback = grade(library, offline, answer, question)
    covered = points & set(feedback.covered_points)
    assert covered == (points if right else set()), feedback.covered_points
    assert ("contradiction" in feedback.flags) is not right


@pytest.mark.parametrize(
    "answer",
    [
        # recall in the words people use for it: what was flagged, out of all the fraud
        "Recall is the number of frauds we flagged out of all the frauds. Precision is how "
        "many of the orders we flagged were really fraud.",
        "Recall tells you what fraction of the fraudulent orders got flagged. Precision tells "
        "you, of the flagged orders, how many were fraud.",
    ],
)
def test_ratio_definitions_are_told_apart_by_what_they_are_a_share_of(
    library: Library, offline: OfflineEvaluator, answer: str
) -> None:
    feedback = grade(library, offline, answer, PM)
    assert "contradiction" not in feedback.flags, feedback.gaps


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # a ranking ("worse than") of a term the point only names
        (
            "precision-recall-cancer-screening",
            "I'd tune for recall, because missing a cancer is far worse than an extra second read.",
        ),
        # a comparative of harm chooses the other side: "costlier than", like "worse than"
        (
            "precision-recall-cancer-screening",
            "A missed cancer is far costlier than an extra radiologist review, so I'd "
            "prioritise recall.",
        ),
        # "don't need" rejects what follows, not the subject
        (
            "ride-sharing-when-to-scale-features",
            "Tree-based models like gradient boosting don't need scaling, since splits don't "
            "care about units.",
        ),
        # a rejection of the manner ("by hand"), not of the point's action
        (
            "knn-feature-scaling",
            "Price dominates the distance, so standardise both features. I wouldn't choose k by "
            "hand; I'd cross-validate a few values, since a small k is noisy and a large k "
            "oversmooths.",
        ),
        # denying an absolute concedes a limit; it does not reject calibration
        (
            "threshold-choice-loan-approval",
            "Calibration is never perfect, so I would confirm the threshold on a validation set "
            "by plotting expected profit at each cut-off.",
        ),
        # "not X before Y" puts Y first: the denial does not reach into the "before" clause
        (
            "gym-chain-frame-reduce-churn-request",
            "I would not build a model before I check whether a simple rule already solves the "
            "problem well enough.",
        ),
    ],
)
def test_correct_answers_found_taken_for_the_other_side(
    library: Library, offline: OfflineEvaluator, question: str, answer: str
) -> None:
    """Correct answers written to test the grader after it was built, which it got wrong."""
    feedback = grade(library, offline, answer, question)
    assert "contradiction" not in feedback.flags, feedback.gaps


def test_rejecting_what_a_point_starts_with_rejects_the_point(
    library: Library, offline: OfflineEvaluator
) -> None:
    """ "No need to choose the training window" rejects "Choose the training window to ...",
    however many of the point's other words the answer also uses."""
    question = "ads-ctr-retraining-schedule-vs-trigger"
    point = (
        "Choose the training window to balance recent relevance against enough data and "
        "seasonality."
    )
    rejects = (
        "Recent relevance matters and seasonality needs enough data, but there is no need to "
        "choose the training window: just retrain on all the history we have."
    )
    feedback = grade(library, offline, rejects, question)
    assert point not in feedback.covered_points
    assert any("no need to choose the training window" in g for g in feedback.gaps), feedback.gaps
    keeps = (
        "Recent relevance matters and seasonality needs enough data, so I would not pick the "
        "training window by habit; I'd choose the training window that balances both."
    )
    feedback = grade(library, offline, keeps, question)
    assert point in feedback.covered_points
    assert "contradiction" not in feedback.flags


def test_a_wrong_answer_about_the_scenario_is_not_called_off_topic(
    library: Library, offline: OfflineEvaluator
) -> None:
    wrong = (
        "A random split is fine here. The same patient appearing in train and test doesn't "
        "matter, because each row is a different visit. Grouping folds by patient would only "
        "waste data and make the estimate noisier."
    )
    feedback = grade(library, offline, wrong, "grouped-cv-patient-leakage")
    assert "off-topic" not in feedback.flags
    assert not any("does not address" in g for g in feedback.gaps)
    assert "off-topic" in grade(library, offline, OFF_TOPIC, "grouped-cv-patient-leakage").flags


def test_no_sentence_of_a_reference_answer_contradicts_its_own_question(
    library: Library, offline: OfflineEvaluator
) -> None:
    """A correct sentence said alone is never read as taking the other side of a point."""
    wrong = [
        (question.id, sentence)
        for question in library.bank
        for sentence in sentences(question.reference_answer or "")
        if "contradiction" in grade(library, offline, sentence, question.id).flags
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a denial of what follows, not a verdict on the subject
        "The trade-off is that robust scaling does not bound the range.",
        # the term's object, not a verdict on it
        "Predicting no fraud scores 99% accuracy while catching nothing.",
        # the verdict after "and" judges its own subject only
        "Their time to cancellation is censored and a plain regression would be biased.",
        # a verdict before a new clause is not on the clause's subject
        "Accuracy at a 0.5 threshold is useless when click-through rates are around 1%.",
        # an adjective before its own noun describes that noun ("bad cases" are the frauds)
        "That number only moves when the model gets better at the rare bad cases.",
    ],
)
def test_descriptions_are_not_verdicts(sentence: str) -> None:
    from interviewer.grading.offline import polarity

    judged = {
        o.term: o.polarity
        for o in polarity.occurrences(sentence)
        if o.polarity
        and o.judged
        and o.term in {"@robust-scaler", "@detect", "@survival", "@ctr", "@rare"}
    }
    assert judged == {}


def test_a_denial_word_is_not_content() -> None:
    """ "Never tune on the test set" is not half made by "the model never trains on it"."""
    from interviewer.grading.offline.text import terms

    assert "never" not in terms("Never tune on the test set; keep it untouched.").terms
    assert "never" not in terms("Since the model never trains on it, the test set is fine.").terms
