"""How the offline grader treats wrong, paraphrased, thin and padded answers.

Prints the figures behind ``tests/test_robustness.py``: per question the
overall scores of a fluent wrong answer, a correct paraphrase, one correct
sentence and that sentence padded by repetition, then the means, how many
questions keep each rule, and the median grading time per answer. The answers
are hand-written in ``tests/data/robustness.toml``; the test asserts the rules,
this script shows how far from them the grader is.

    .venv/bin/python bench/robustness.py
"""

from __future__ import annotations

import statistics
import time
import tomllib
from pathlib import Path

from interviewer.content.bank import load_library
from interviewer.content.models import Feedback
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import GradeRequest

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "robustness.toml"
PADDING = 12  # the same repetition as tests/test_robustness.py
KINDS = ("wrong", "paraphrase", "thin", "padded")


def main() -> None:
    library = load_library()
    evaluator = OfflineEvaluator(library.bank)
    cases = tomllib.loads(DATA.read_text(encoding="utf-8"))["case"]
    times: list[float] = []

    def grade(question_id: str, answer: str, rubric: str | None = None) -> Feedback:
        question = library.bank.get(question_id)
        request = GradeRequest(
            question=question,
            rubric=library.rubrics.get(library.rubric_for(question, rubric)),
            answer=answer,
            prompt=question.prompt,
        )
        start = time.perf_counter()
        feedback = evaluator.grade(request)
        times.append(time.perf_counter() - start)
        return feedback

    grade(cases[0]["question"], "warm-up: the first answer builds the bank's term weights")
    times.clear()

    width = max(len(c["question"]) for c in cases)
    print(f"robustness: {len(cases)} questions, offline evaluator, each question's own rubric")
    print(f"{'question':<{width}}  " + "  ".join(f"{k:>10}" for k in KINDS))
    overall: dict[str, list[float]] = {k: [] for k in KINDS}
    held = {"lower": 0, "wrong": 0, "para": 0, "pad": 0, "consultant": 0}
    for case in cases:
        qid = case["question"]
        answers = {
            "wrong": case["wrong"],
            "paraphrase": case["paraphrase"],
            "thin": case["thin"],
            "padded": " ".join([case["thin"].strip()] * PADDING),
        }
        fb = {k: grade(qid, a) for k, a in answers.items()}
        for k in KINDS:
            overall[k].append(fb[k].overall)
        print(f"{qid:<{width}}  " + "  ".join(f"{fb[k].overall:>10.2f}" for k in KINDS))
        held["lower"] += fb["wrong"].overall < fb["paraphrase"].overall
        held["wrong"] += fb["wrong"].overall <= 2.5
        held["para"] += fb["paraphrase"].overall >= 3.0
        held["pad"] += never_raised(fb["thin"], fb["padded"])
        wrong, right = (grade(qid, answers[k], "consultant") for k in ("wrong", "paraphrase"))
        held["consultant"] += wrong.overall < right.overall

    print(
        f"{'mean':<{width}}  " + "  ".join(f"{statistics.mean(overall[k]):>10.2f}" for k in KINDS)
    )
    n = len(cases)
    print()
    print(f"wrong < paraphrase:                    {held['lower']}/{n}")
    print(f"wrong <= 2.5:                          {held['wrong']}/{n}")
    print(f"paraphrase >= 3.0:                     {held['para']}/{n}")
    print(
        f"padding never raises:                  {held['pad']}/{n}  (overall and every criterion)"
    )
    print(f"wrong < paraphrase, consultant rubric: {held['consultant']}/{n}")
    print()
    median = statistics.median(times) * 1000
    print(f"median grading time per answer: {median:.2f} ms over {len(times)} answers")


def never_raised(thin: Feedback, padded: Feedback) -> bool:
    once = {c.id: c.score for c in thin.criteria}
    return padded.overall <= thin.overall and all(c.score <= once[c.id] for c in padded.criteria)


if __name__ == "__main__":
    main()
