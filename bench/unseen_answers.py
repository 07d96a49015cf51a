"""How the offline grader treats answers written by people who never saw it.

``bench/robustness.py`` runs the answers the robustness tests were built
around; a grader can be fitted to those. The sets in ``bench/data/unseen-*.toml``
were written by helpers who read only the question bank, never the grader or
its tests: for each question a fluent answer that takes the wrong side, a
correct answer in other words, and (sets B to E) a correct but thin answer.
Each file's header says whether the set was later used to change the grader.

Per set it prints how many wrong answers stay at or below 2.5, how many
paraphrases reach 3.0, how often the wrong answer scores below the paraphrase
(and below the thin answer), the mean of each kind, and how many correct
answers the grader says take the other side of a key point.

    .venv/bin/python bench/unseen_answers.py           # every set
    .venv/bin/python bench/unseen_answers.py --each    # and every question
    .venv/bin/python bench/unseen_answers.py --set b   # one set
"""

from __future__ import annotations

import argparse
import statistics
import tomllib
from pathlib import Path

from interviewer.content.bank import load_library
from interviewer.content.models import Feedback
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import GradeRequest

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("wrong", "partial", "paraphrase")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", action="store_true", help="print every question's scores")
    parser.add_argument("--set", help="only this set, by its letter (a, b, c)")
    args = parser.parse_args()
    library = load_library()
    evaluator = OfflineEvaluator(library.bank)

    def grade(question_id: str, answer: str) -> Feedback:
        question = library.bank.get(question_id)
        return evaluator.grade(
            GradeRequest(
                question=question,
                rubric=library.rubrics.get(library.rubric_for(question)),
                answer=answer,
                prompt=question.prompt,
            )
        )

    for path in sorted(DATA.glob(f"unseen-{args.set or '*'}.toml")):
        cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
        scores: dict[str, list[float]] = {k: [] for k in KINDS}
        flagged = 0
        for case in cases:
            graded = {k: grade(case["question"], case[k]) for k in KINDS if k in case}
            for kind, feedback in graded.items():
                scores[kind].append(feedback.overall)
            flagged += sum(
                "contradiction" in graded[k].flags for k in ("partial", "paraphrase") if k in graded
            )
            if args.each:
                shown = "  ".join(f"{k} {graded[k].overall:4.2f}" for k in KINDS if k in graded)
                print(f"  {case['question']:<52} {shown}")
        print(summary(path.stem, scores, flagged))


def summary(name: str, scores: dict[str, list[float]], flagged: int) -> str:
    wrong, partial, right = scores["wrong"], scores["partial"], scores["paraphrase"]
    n = len(wrong)
    lines = [
        f"{name}: {n} questions",
        f"  wrong <= 2.5:         {sum(w <= 2.5 for w in wrong)}/{n}",
        f"  paraphrase >= 3.0:    {sum(p >= 3.0 for p in right)}/{n}",
        f"  wrong < paraphrase:   {sum(w < p for w, p in zip(wrong, right, strict=True))}/{n}",
    ]
    if partial:
        below = sum(w < p for w, p in zip(wrong, partial, strict=True))
        lines.append(f"  wrong < thin answer:  {below}/{n}")
    means = "  ".join(f"{k} {statistics.mean(v):.2f}" for k, v in scores.items() if v)
    lines.append(f"  means:                {means}")
    correct = n + len(partial)
    lines.append(f"  correct answers read as taking the other side: {flagged}/{correct}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
