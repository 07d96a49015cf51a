"""Median time the offline evaluator takes per answer, over every question in the bank.

Each question is graded with its reference answer, an answer to another
question, a list of terms and an empty answer, after one warm-up pass (the
first answer builds the bank's term weights once per process; that one-off
cost is printed separately).
"""

from __future__ import annotations

import statistics
import time

from interviewer.content.bank import load_library
from interviewer.grading.offline import OfflineEvaluator
from interviewer.grading.protocol import GradeRequest


def main() -> None:
    library = load_library()
    questions = list(library.bank)
    evaluator = OfflineEvaluator(library.bank)
    requests = []
    for i, q in enumerate(questions):
        rubric = library.rubrics.get(library.rubric_for(q))
        other = questions[(i + 7) % len(questions)]
        for answer in (
            q.reference_answer or "",
            other.reference_answer or "",
            ", ".join(p.text.split()[0] for p in q.key_points),
            "",
        ):
            requests.append(GradeRequest(question=q, rubric=rubric, answer=answer))

    start = time.perf_counter()
    evaluator.grade(requests[0])
    first = time.perf_counter() - start

    from interviewer.grading.offline import text

    times = []
    for request in requests:
        text.terms.cache_clear()  # no help from having seen this answer before
        start = time.perf_counter()
        evaluator.grade(request)
        times.append(time.perf_counter() - start)
    median = statistics.median(times) * 1000
    p95 = sorted(times)[int(len(times) * 0.95)] * 1000
    print(f"offline grading: {len(times)} answers")
    print(f"  first answer (builds term weights): {first * 1000:.1f} ms")
    print(f"  median per answer: {median:.2f} ms   (target < 5 ms)")
    print(f"  95th percentile:   {p95:.2f} ms")


if __name__ == "__main__":
    main()
