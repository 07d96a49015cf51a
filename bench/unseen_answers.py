"""How the offline grader treats answers written by people who never saw it.

``bench/robustness.py`` runs the answers the robustness tests were built
around; a grader can be fitted to those. The sets in ``bench/data/unseen-*.toml``
were written by helpers who read only the question bank, never the grader or
its tests: for each question a fluent answer that takes the wrong side, a
correct answer in other words, and (sets B to F) a correct but thin answer.
Each file's header says whether the set was later used to change the grader.

Per set it prints how many wrong answers stay at or below 2.5, how many
paraphrases reach 3.0, how often the wrong answer scores below the paraphrase
(and below the thin answer), the mean of each kind, and how many correct
answers the grader says take the other side of a key point.

    .venv/bin/python bench/unseen_answers.py           # every set
    .venv/bin/python bench/unseen_answers.py --each    # and every question
    .venv/bin/python bench/unseen_answers.py --set b   # one set
    .venv/bin/python bench/unseen_answers.py --llm     # also the configured LLM, on a sample
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tomllib
from pathlib import Path

from interviewer.content.bank import Library, load_library
from interviewer.content.models import Feedback
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import Evaluator, GradeRequest

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("wrong", "partial", "paraphrase")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", action="store_true", help="print every question's scores")
    parser.add_argument("--set", help="only this set, by its letter (a to f)")
    parser.add_argument("--llm", action="store_true", help="also measure the configured LLM")
    parser.add_argument("--sample", type=int, default=6, help="questions per set for --llm")
    parser.add_argument("--seed", type=int, default=7, help="which questions --llm samples")
    args = parser.parse_args()
    library = load_library()
    evaluator = OfflineEvaluator(library.bank)
    llm = None
    if args.llm:
        from llm_grading import configured_llm

        llm = configured_llm(evaluator)

    for path in sorted(DATA.glob(f"unseen-{args.set or '*'}.toml")):
        cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
        graded = [{k: evaluator.grade(r) for k, r in requests(library, c).items()} for c in cases]
        if args.each:
            for case, feedback in zip(cases, graded, strict=True):
                shown = "  ".join(f"{k} {feedback[k].overall:4.2f}" for k in KINDS if k in feedback)
                print(f"  {case['question']:<52} {shown}")
        print(summary(path.stem, graded))
        if llm is not None:
            _measure_llm(path.stem, library, cases, graded, llm, args.sample, args.seed)


def requests(library: Library, case: dict[str, str]) -> dict[str, GradeRequest]:
    """One request per kind of answer the case holds, under its question's own rubric."""
    question = library.bank.get(case["question"])
    rubric = library.rubrics.get(library.rubric_for(question))
    return {
        kind: GradeRequest(
            question=question, rubric=rubric, answer=case[kind], prompt=question.prompt
        )
        for kind in KINDS
        if kind in case
    }


def _measure_llm(
    name: str,
    library: Library,
    cases: list[dict[str, str]],
    offline: list[dict[str, Feedback]],
    llm: tuple[Evaluator, str],
    n: int,
    seed: int,
) -> None:
    from llm_grading import grade_all

    evaluator, model = llm
    chosen = sorted(random.Random(seed).sample(range(len(cases)), min(n, len(cases))))
    asked = [(i, kind, r) for i in chosen for kind, r in requests(library, cases[i]).items()]
    start = time.perf_counter()
    feedback, fell_back = grade_all(evaluator, [r for _, _, r in asked])
    seconds = (time.perf_counter() - start) / len(asked)
    by_case: dict[int, dict[str, Feedback]] = {}
    for (i, kind, _), f in zip(asked, feedback, strict=True):
        by_case.setdefault(i, {})[kind] = f
    print(
        f"  {name} / LLM {model}: {len(asked) - fell_back} of {len(asked)} answers graded by "
        f"the model, {fell_back} fell back offline; {seconds:.1f} s per answer"
    )
    print(summary(f"  LLM, {len(chosen)} sampled questions", [by_case[i] for i in chosen]))
    print(summary("  offline, the same questions", [offline[i] for i in chosen]))


def summary(name: str, graded: list[dict[str, Feedback]]) -> str:
    scores = {k: [g[k].overall for g in graded if k in g] for k in KINDS}
    flagged = sum(
        "contradiction" in g[k].flags for g in graded for k in ("partial", "paraphrase") if k in g
    )
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
