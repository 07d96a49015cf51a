"""From the model's reply to the shared ``Feedback``: parsing, checks, evidence, cost."""

from __future__ import annotations

import json

import pytest
import respx
from llm_fakes import (
    ANSWER,
    MODEL,
    QUESTION,
    RUBRIC,
    completion,
    evaluator,
    first_follow_up,
    grade,
    grade_json,
    replies,
    request,
    sent_body,
    usage,
)

from interviewer.config import DEFAULT_PRICES, Price
from interviewer.grading.llm.pricing import Tokens, cost_usd
from interviewer.grading.llm.render import partial_json, render
from interviewer.grading.llm.schema import InvalidGrade, grounded, parse_grade, strip_fences
from interviewer.grading.protocol import Exchange


async def test_a_reply_becomes_feedback(respx_mock: respx.MockRouter) -> None:
    replies(respx_mock, grade_json())
    feedback = await evaluator().evaluate(request())

    assert feedback.evaluator == MODEL
    assert feedback.rubric == RUBRIC.id
    assert feedback.notice is None
    assert feedback.verdict == "You picked the right metric and said why accuracy misleads."
    assert [(c.id, c.score) for c in feedback.criteria] == [("substance", 4), ("reasoning", 2)]
    assert feedback.criteria[0].comment == "Names PR AUC and why accuracy fails."
    assert feedback.criteria[0].evidence == ["I would use PR AUC"]
    assert feedback.covered_points == [p.text for p in QUESTION.key_points[:2]]
    assert feedback.missed_points == [QUESTION.key_points[2].text]
    assert feedback.strengths == ["Clear metric choice."]
    assert feedback.gaps == ["No word on the threshold."]
    assert feedback.follow_up == "How would you set the alert threshold?"
    assert feedback.flags == []


async def test_overall_is_the_rubrics_weighted_mean_not_the_models(
    respx_mock: respx.MockRouter,
) -> None:
    replies(respx_mock, grade_json())
    feedback = await evaluator().evaluate(request())
    # substance 4 (weight 3), reasoning 2 (weight 1)
    assert feedback.overall == pytest.approx((4 * 3 + 2 * 1) / 4)


async def test_criteria_follow_the_rubric_order_whatever_the_reply_order(
    respx_mock: respx.MockRouter,
) -> None:
    reply = grade()
    reply["criteria"] = dict(reversed(reply["criteria"].items()))
    replies(respx_mock, json.dumps(reply))
    feedback = await evaluator().evaluate(request())
    assert [c.id for c in feedback.criteria] == ["substance", "reasoning"]


async def test_invented_evidence_is_dropped(respx_mock: respx.MockRouter) -> None:
    reply = grade()
    reply["criteria"]["substance"]["evidence"] = [
        "I WOULD   use pr auc",  # case and spacing differ: kept, as the candidate wrote it
        '"predicting no fraud scores 99.8%."',  # wrapped in quote marks: kept
        "I would use ROC AUC and SMOTE",  # never said: dropped
        "",
    ]
    reply["criteria"]["reasoning"]["evidence"] = ["the reference answer says PR AUC"]
    replies(respx_mock, json.dumps(reply))
    feedback = await evaluator().evaluate(request())
    assert feedback.criteria[0].evidence == [
        "I WOULD   use pr auc",
        "predicting no fraud scores 99.8%",
    ]
    assert feedback.criteria[1].evidence == []


async def test_evidence_may_come_from_earlier_answers_on_the_same_question(
    respx_mock: respx.MockRouter,
) -> None:
    reply = grade()
    reply["criteria"]["substance"]["evidence"] = [
        "weighting false negatives by cost",
        "I would use PR AUC",
    ]
    replies(respx_mock, json.dumps(reply))
    feedback = await evaluator().evaluate(
        first_follow_up("Set the threshold by weighting false negatives by cost.")
    )
    assert feedback.criteria[0].evidence == [
        "weighting false negatives by cost",
        "I would use PR AUC",
    ]


def test_grounded_ignores_quotes_from_outside_the_answers() -> None:
    assert grounded(["Use PR AUC"], ["Fraud is rare."]) == []
    assert grounded(["fraud is\nRARE."], ["Fraud is rare, so..."]) == ["fraud is\nRARE"]


async def test_a_follow_up_already_asked_is_replaced_by_an_unasked_one(
    respx_mock: respx.MockRouter,
) -> None:
    replies(respx_mock, grade_json(follow_up=" how would you PICK the threshold? "))
    feedback = await evaluator().evaluate(first_follow_up("By cost."))
    assert feedback.follow_up == QUESTION.follow_ups[1]


async def test_no_follow_up_when_every_suggestion_was_asked(respx_mock: respx.MockRouter) -> None:
    replies(respx_mock, grade_json(follow_up=QUESTION.follow_ups[1]))
    thread = [
        Exchange(QUESTION.prompt, ANSWER),
        Exchange(QUESTION.follow_ups[0], "By cost.", kind="follow_up"),
    ]
    feedback = await evaluator().evaluate(
        request("No.", thread=thread, kind="follow_up", prompt=QUESTION.follow_ups[1])
    )
    assert feedback.follow_up is None


async def test_flags_are_kept_once_each(respx_mock: respx.MockRouter) -> None:
    flags = ["instruction-to-grader", "instruction-to-grader", "buzzword-list"]
    replies(respx_mock, grade_json(flags=flags))
    feedback = await evaluator().evaluate(request())
    assert feedback.flags == ["instruction-to-grader", "buzzword-list"]


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"criteria": {"substance": {"evidence": [], "comment": "x", "score": 6}}}, "score"),
        ({"criteria": {"substance": {"evidence": [], "comment": "x", "score": 0}}}, "score"),
        ({"covered_points": [1, 2]}, "covered_points"),  # a number without its quote
        ({"verdict": None}, "verdict"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_out_of_range_scores_and_wrong_fields_fail_validation(
    change: dict[str, object], complaint: str
) -> None:
    with pytest.raises(InvalidGrade) as caught:
        parse_grade(grade_json(**change))
    assert complaint in caught.value.message


def test_a_reply_that_is_not_json_fails_validation() -> None:
    with pytest.raises(InvalidGrade, match="not valid JSON"):
        parse_grade("Sure! Here is my grading: 4/5")
    with pytest.raises(InvalidGrade, match="empty"):
        parse_grade("  ")


def test_a_code_fence_around_the_json_is_tolerated() -> None:
    fenced = "```json\n" + grade_json() + "\n```"
    assert strip_fences(fenced) == grade_json()
    assert parse_grade(fenced).verdict.startswith("You picked")


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"criteria": {"substance": grade()["criteria"]["substance"]}}, "missing reasoning"),
        (
            {"criteria": {**grade()["criteria"], "style": grade()["criteria"]["substance"]}},
            "unknown ids style",
        ),
        (
            {"covered_points": [{"point": 0, "quote": "PR AUC"}, {"point": 4, "quote": "PR AUC"}]},
            "covered_points has 0, 4",
        ),
    ],
)
async def test_replies_that_do_not_match_the_rubric_are_asked_again(
    respx_mock: respx.MockRouter, change: dict[str, object], complaint: str
) -> None:
    route = replies(respx_mock, grade_json(**change), grade_json())
    feedback = await evaluator().evaluate(request())
    assert feedback.evaluator == MODEL
    assert route.call_count == 2
    assert complaint in sent_body(route.calls.last)["messages"][-1]["content"]


# -- coverage backed by a quote -------------------------------------------------


async def test_a_covered_point_without_a_real_quote_is_not_counted(
    respx_mock: respx.MockRouter,
) -> None:
    covered = [
        {"point": 1, "quote": "Accuracy is useless here"},  # said: counted
        {"point": 2, "quote": ""},  # no quote: not counted
        {"point": 3, "quote": "I would set the threshold by expected cost"},  # never said
    ]
    replies(respx_mock, grade_json(covered_points=covered))
    feedback = await evaluator().evaluate(request())
    points = [p.text for p in QUESTION.key_points]
    assert feedback.covered_points == [points[0]]
    assert feedback.missed_points == points[1:]


async def test_a_quote_from_an_earlier_answer_on_the_question_covers_a_point(
    respx_mock: respx.MockRouter,
) -> None:
    covered = [{"point": 3, "quote": "weighting false negatives by cost"}]
    replies(respx_mock, grade_json(covered_points=covered))
    feedback = await evaluator().evaluate(
        first_follow_up("Set the threshold by weighting false negatives by cost.")
    )
    assert feedback.covered_points == [QUESTION.key_points[2].text]


# -- usage and cost ------------------------------------------------------------


async def test_usage_is_recorded_with_its_cost(respx_mock: respx.MockRouter) -> None:
    replies(
        respx_mock, completion(grade_json(), tokens=usage(prompt=2000, completion=500, cached=1500))
    )
    feedback = await evaluator().evaluate(request())
    assert feedback.usage is not None
    assert (feedback.usage.prompt_tokens, feedback.usage.completion_tokens) == (2000, 500)
    assert feedback.usage.cached_tokens == 1500
    price = DEFAULT_PRICES[MODEL]
    assert price.cached_input is not None
    expected = (500 * price.input + 1500 * price.cached_input + 500 * price.output) / 1e6
    assert feedback.usage.cost_usd == pytest.approx(expected)


async def test_usage_sums_the_first_reply_and_the_re_ask(respx_mock: respx.MockRouter) -> None:
    replies(
        respx_mock,
        completion("not json", tokens=usage(prompt=1000, completion=10, cached=0)),
        completion(grade_json(), tokens=usage(prompt=1100, completion=300, cached=1000)),
    )
    feedback = await evaluator().evaluate(request())
    assert feedback.usage is not None
    assert feedback.usage.prompt_tokens == 2100
    assert feedback.usage.completion_tokens == 310
    assert feedback.usage.cached_tokens == 1000


async def test_a_price_from_the_config_file_is_used(respx_mock: respx.MockRouter) -> None:
    replies(
        respx_mock, completion(grade_json(), tokens=usage(prompt=1_000_000, completion=0, cached=0))
    )
    prices = {"my-local-model": Price(input=2.0, output=4.0)}
    feedback = await evaluator(model="my-local-model", prices=prices).evaluate(request())
    assert feedback.usage is not None and feedback.usage.cost_usd == pytest.approx(2.0)


def test_cost_is_unknown_for_a_model_without_a_price() -> None:
    assert cost_usd("mystery-model", Tokens(prompt=10, completion=10), DEFAULT_PRICES) is None


def test_a_dated_snapshot_uses_its_base_models_price() -> None:
    tokens = Tokens(prompt=1_000_000, completion=0)
    assert cost_usd("gpt-5-mini-2025-08-07", tokens, DEFAULT_PRICES) == pytest.approx(
        DEFAULT_PRICES["gpt-5-mini"].input
    )


def test_cached_tokens_without_a_cached_price_cost_the_input_price() -> None:
    prices = {"m": Price(input=1.0, output=0.0)}
    assert cost_usd("m", Tokens(prompt=1_000_000, cached=500_000), prices) == pytest.approx(1.0)


def test_raw_line_breaks_inside_strings_are_accepted() -> None:
    """llama-cpp-python's grammar lets SmolLM2 write a raw newline inside a string."""
    reply = grade_json(verdict="VERDICT").replace("VERDICT", "First line.\nSecond line.")
    assert "\n" in reply
    assert parse_grade(reply).verdict == "First line.\nSecond line."
    assert render(partial_json(reply[:30])) == "First line. Secon"  # streamed so far
