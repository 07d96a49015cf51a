"""How well the evaluator's scores agree with human graders, next to a naive baseline.

For every set in ``../shared/data/graded-answers/`` (real student answers with
human grades, written by no one on this project), it builds a bank the way a
user would write one from each question's reference answer: the reference's
sentences and list items as plain key points, no hints. It grades every answer
with the offline evaluator under the ``general`` rubric (what a user's own
topic gets) and prints the Pearson and Spearman correlation of the overall
score with the human score (divided by ``score_max``).

The baseline, computed in the same run on the same answers, is stemmed
word-overlap recall: the share of the reference answer's distinct content
words (same stemmer and stopwords as the evaluator) that the answer contains.

These sets are development data: measure on them, never copy their text
into the bank, never special-case their questions. ``saf-networks`` has
``training`` / ``unseen_answers`` / ``unseen_questions`` splits; each is
printed, and anything fitted is fitted on neither ``unseen`` split.

    .venv/bin/python bench/agreement.py                # offline evaluator and baseline
    .venv/bin/python bench/agreement.py --llm --sample 40   # also the configured LLM
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interviewer.content.bank import load_library
from interviewer.content.models import Question, Rubric
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.offline.text import STOPWORDS, sentences, stem, words
from interviewer.grading.protocol import GradeRequest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "graded-answers"


@dataclass(frozen=True)
class Row:
    question: Question
    answer: str
    human: float
    """The human score divided by the question's maximum, 0 to 1."""
    split: str


def key_points(reference: str) -> list[str]:
    """The reference answer's sentences and list items, as a user would copy them out."""
    parts = [p.strip() for p in sentences(reference)]
    points: list[str] = []
    for part in parts:
        if len(words(part)) < 4 and points:  # a heading or fragment joins the point before
            points[-1] = f"{points[-1]} {part}"
        else:
            points.append(part)
    return [p for p in points if words(p)] or [reference.strip()]


def load_set(path: Path) -> list[Row]:
    records = json.loads(path.read_text(encoding="utf-8"))
    questions: dict[str, Question] = {}
    rows: list[Row] = []
    for r in records:
        if r.get("reference_is_this_answer"):
            continue
        qid = "q-" + re.sub(r"[^a-z0-9]+", "-", str(r["question_id"]).lower()).strip("-")
        if qid not in questions:
            questions[qid] = Question(
                id=qid,
                topic=path.stem,
                prompt=r["question"],
                key_points=key_points(r["reference_answer"]),
                reference_answer=r["reference_answer"],
            )
        rows.append(
            Row(
                question=questions[qid],
                answer=r["student_answer"] or "",
                human=float(r["score"]) / float(r["score_max"]),
                split=str(r.get("split") or "all"),
            )
        )
    return rows


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS}


def baseline(row: Row) -> float:
    """Stemmed word-overlap recall of the reference answer's content words."""
    reference = content_stems(row.question.reference_answer or "")
    if not reference:
        return 0.0
    return len(reference & content_stems(row.answer)) / len(reference)


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    if len(set(x)) < 2 or len(set(y)) < 2:
        return float("nan")
    return statistics.correlation(x, y)


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return pearson(_ranks(x), _ranks(y))


def _fmt(value: float) -> str:
    return "  n/a" if math.isnan(value) else f"{value:5.2f}"


def report(name: str, rows: list[Row], scores: dict[str, list[float]]) -> None:
    human = [r.human for r in rows]
    print(f"{name}  ({len(rows)} answers)")
    for label, values in scores.items():
        print(
            f"  {label:<22} Pearson {_fmt(pearson(values, human))}"
            f"   Spearman {_fmt(spearman(values, human))}"
        )
    (first, a), (second, b) = list(scores.items())[:2]
    gap = pearson(a, human) - pearson(b, human)
    if not math.isnan(gap):
        print(f"  {'':<22} Pearson {gap:+.3f} for the {first.split(' (')[0]} over the {second}")


def grade_offline(evaluator: OfflineEvaluator, rubric: Rubric, rows: list[Row]) -> list[float]:
    return [
        evaluator.grade(
            GradeRequest(
                question=r.question, rubric=rubric, answer=r.answer, prompt=r.question.prompt
            )
        ).overall
        for r in rows
    ]


def by_split(
    rows: list[Row], columns: dict[str, list[float]]
) -> list[tuple[str, list[Row], dict[str, list[float]]]]:
    splits = sorted({r.split for r in rows})
    if len(splits) < 2:
        return []
    out = []
    for split in splits:
        keep = [i for i, r in enumerate(rows) if r.split == split]
        out.append(
            (
                split,
                [rows[i] for i in keep],
                {k: [v[i] for i in keep] for k, v in columns.items()},
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of graded-answer sets")
    parser.add_argument("--llm", action="store_true", help="also measure the configured LLM")
    parser.add_argument("--sample", type=int, default=40, help="answers per set for --llm")
    parser.add_argument("--seed", type=int, default=7, help="which answers --llm samples")
    args = parser.parse_args(argv)

    sets = sorted(args.data.glob("*.json"))
    if not sets:
        print(f"{args.data}: no graded-answer sets found", file=sys.stderr)
        return 2
    library = load_library()
    rubric = library.rubrics.get("general")
    builtin = list(library.bank)
    per_answer: list[float] = []
    for path in sets:
        rows = load_set(path)
        questions = {r.question.id: r.question for r in rows}
        evaluator = OfflineEvaluator([*builtin, *questions.values()])
        start = time.perf_counter()
        offline = grade_offline(evaluator, rubric, rows)
        per_answer.append((time.perf_counter() - start) / len(rows))
        columns: dict[str, list[float]] = {
            "offline evaluator": offline,
            "baseline (word recall)": [baseline(r) for r in rows],
        }
        report(path.stem, rows, columns)
        for split, split_rows, split_columns in by_split(rows, columns):
            report(f"  {path.stem} / {split}", split_rows, split_columns)
        if args.llm:
            _measure_llm(path.stem, rows, rubric, evaluator, args.sample, args.seed)
        print()
    print(f"offline grading: {1000 * statistics.mean(per_answer):.2f} ms per answer on average")
    return 0


def _measure_llm(
    name: str, rows: list[Row], rubric: Rubric, fallback: OfflineEvaluator, n: int, seed: int
) -> None:
    from llm_grading import configured_llm, grade_all

    configured = configured_llm(fallback)
    if configured is None:
        return
    evaluator, model = configured
    sample = random.Random(seed).sample(rows, min(n, len(rows)))
    requests = [
        GradeRequest(question=r.question, rubric=rubric, answer=r.answer, prompt=r.question.prompt)
        for r in sample
    ]
    start = time.perf_counter()
    feedback, fell_back = grade_all(evaluator, requests)
    seconds = (time.perf_counter() - start) / len(sample)
    print(
        f"  {name} / LLM: {len(sample) - fell_back} of {len(sample)} graded by the model, "
        f"{fell_back} fell back offline; {seconds:.1f} s per answer"
    )
    columns = {
        f"LLM {model}": [f.overall for f in feedback],
        "offline (same sample)": grade_offline(fallback, rubric, sample),
        "baseline (same sample)": [baseline(r) for r in sample],
    }
    report(f"  {name} / LLM sample", sample, columns)


if __name__ == "__main__":
    sys.exit(main())
