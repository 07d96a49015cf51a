"""Summaries, lists, replays and exports name the rubrics actually used, by their titles.

A session that swaps to ``consultant`` for its last question was graded under
two rubrics: every label says so, the summary keeps each rubric's criteria
apart and says which answers each graded, and criteria go by their titles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.content.bank import Library
from interviewer.content.rubric_label import rubrics_label
from interviewer.grading.offline import OfflineEvaluator
from interviewer.history.listing import Listing, iter_listings
from interviewer.history.schema import Settings, Summary, Transcript, load_transcript
from interviewer.history.store import TranscriptStore
from interviewer.history.summary import (
    blended_topics,
    rubric_groups,
    rubrics_used,
    summarise,
    summary_of,
)
from interviewer.reports.export import to_html, to_markdown
from interviewer.reports.render import summary_text
from interviewer.session.dialogue import Interview
from tests.conftest import Clock, run_cli

PARTIAL = "Accuracy misleads when fraud is rare. I would use PR AUC because it focuses on it."


async def swapped_session(
    library: Library, offline: OfflineEvaluator, store: TranscriptStore
) -> Transcript:
    """Three algorithms questions: two under the topic's rubric, the third under consultant."""
    settings = Settings(topics=["algorithms"], questions=3, follow_ups=0, seed=3)
    interview = Interview(library, offline, settings, store, clock=Clock())
    while (prompt := interview.current) is not None:
        if prompt.number == 3:
            interview.switch_rubric("consultant")
        await interview.answer(prompt.question.reference_answer or "an answer")
    return interview.transcript


@pytest.fixture
async def swapped(tmp_path: Path, library: Library, offline: OfflineEvaluator) -> Transcript:
    return await swapped_session(library, offline, TranscriptStore(tmp_path / "t"))


def test_the_summary_keeps_each_rubrics_criteria_apart(
    swapped: Transcript, library: Library
) -> None:
    summary = swapped.summary
    assert summary is not None
    assert [(u.id, u.questions) for u in summary.rubrics] == [
        ("by topic", [1, 2]),
        ("consultant", [3]),
    ]
    assert summary.rubrics[1].title == library.rubrics.get("consultant").title
    groups = {use.id: {c.id for c in rows} for use, rows in rubric_groups(summary) if use}
    assert groups == {
        "by topic": {c.id for c in library.rubrics.get("algorithms").criteria},
        "consultant": {c.id for c in library.rubrics.get("consultant").criteria},
    }
    clarity = next(c for c in summary.criteria if c.id == "clarity")
    assert (clarity.title, clarity.rubric, clarity.count) == ("Clarity", "consultant", 1)
    # The topic's score averages both rubrics' overall scores, and says so.
    assert blended_topics(summary) == {"algorithms": ["algorithms", "consultant"]}


def test_summary_areas_use_criterion_titles(swapped: Transcript, library: Library) -> None:
    summary = swapped.summary
    assert summary is not None
    areas = [a.rsplit(":", 1)[0] for a in summary.strongest + summary.weakest]
    titles = {c.title for r in library.rubrics for c in r.criteria}
    assert areas
    for area in areas:
        name, _, kind = area.partition(" (")
        assert name in titles or kind == "topic)", area
    ids = {c.id for r in library.rubrics for c in r.criteria} - titles
    assert not any(a.partition(" (")[0] in ids for a in areas)


async def test_a_single_rubric_session_names_its_criteria_by_title(
    tmp_path: Path, library: Library, offline: OfflineEvaluator
) -> None:
    interview = Interview(
        library,
        offline,
        Settings(topics=["model-selection"], questions=2, follow_ups=0, seed=1),
        TranscriptStore(tmp_path),
    )
    await interview.answer(PARTIAL)
    await interview.answer(PARTIAL)
    summary = interview.end()
    titles = {c.title for c in library.rubrics.get("model-selection").criteria}
    named = [s.split(" (criterion)")[0] for s in summary.strongest + summary.weakest]
    named = [n for n, s in zip(named, summary.strongest + summary.weakest, strict=True) if n != s]
    assert named and set(named) <= titles, (named, summary.weakest)
    assert not any("metric-choice" in s for s in summary.strongest + summary.weakest)
    assert "By criterion, each topic's own rubric (questions 1, 2):" in summary_text(summary)


def test_plain_summary_says_which_rubric_graded_which_answer(swapped: Transcript) -> None:
    assert swapped.summary is not None
    text = summary_text(swapped.summary)
    assert "By criterion, each topic's own rubric (questions 1, 2):" in text
    assert "By criterion, consultant rubric (question 3):" in text
    assert "Clarity" in text and "clarity" not in text
    assert "(blends the algorithms and consultant rubrics)" in text


def test_labels_follow_the_turns_not_the_settings(swapped: Transcript, tmp_path: Path) -> None:
    assert swapped.settings.rubric is None  # the settings alone would say "by topic"
    assert rubrics_used(swapped) == "by topic, then consultant"
    [listing] = [item for item in iter_listings(TranscriptStore(tmp_path / "t"))]
    assert isinstance(listing, Listing) and listing.rubric == "by topic, then consultant"
    result = run_cli("transcripts", "--transcripts", str(tmp_path / "t"))
    assert result.returncode == 0
    header, row = result.stdout.splitlines()[:2]
    assert "by topic, then consultant  algorithms" in row  # the column fits the label
    assert row.index("algorithms") == header.index("topics")


def test_rubrics_label_cases() -> None:
    assert rubrics_label([], None) == "by topic"
    assert rubrics_label([], "structured") == "structured"
    assert rubrics_label([("algorithms", "consultant")] * 2, None) == "consultant"
    graded = [("algorithms", "algorithms"), ("deployment", "deployment")]
    assert rubrics_label(graded, None) == "by topic"
    assert rubrics_label([*graded, ("algorithms", "consultant")], None) == (
        "by topic, then consultant"
    )
    assert rubrics_label([("algorithms", "consultant"), *graded], "consultant") == (
        "consultant, then by topic"
    )


def test_exports_name_each_rubric_used(swapped: Transcript, library: Library) -> None:
    markdown = to_markdown(swapped, library.rubrics)
    assert "- **Rubric:** by topic, then consultant" in markdown
    assert (
        "- **Graded under:** each topic's own rubric (questions 1, 2); consultant rubric "
        "(question 3)" in markdown
    )
    assert "| Clarity (consultant rubric) |" in markdown
    assert "| Communication (each topic's own rubric) |" in markdown
    assert "| algorithms (topic; blends the algorithms and consultant rubrics) |" in markdown
    assert "each topic's own\n" not in markdown and "(criterion)" not in markdown
    page = to_html(swapped, library.rubrics)
    assert "<dd>by topic, then consultant</dd>" in page
    assert "Clarity (consultant rubric)" in page


def test_a_summary_saved_before_rubrics_were_recorded_still_loads(
    swapped: Transcript, tmp_path: Path, library: Library
) -> None:
    old = swapped.model_dump(mode="json")
    assert old["summary"] is not None
    old["summary"] = {
        "overall": 3.1,
        "answered": 3,
        "skipped": 0,
        "criteria": [{"id": "clarity", "score": 3.0, "count": 1}],
        "topics": {"algorithms": 3.1},
        "strongest": ["clarity (criterion): 3.0"],
        "weakest": [],
        "practise_next": [],
    }
    path = tmp_path / "old.json"
    path.write_text(Transcript.model_validate(old).model_dump_json(), encoding="utf-8")
    loaded = load_transcript(path)
    assert loaded.summary is not None and loaded.summary.rubrics == []
    # Shown, it is derived again from the turns, with titles and rubrics.
    shown = summary_of(loaded, library.rubrics)
    assert shown == summarise(loaded.turns, library.rubrics)
    assert [u.id for u in shown.rubrics] == ["by topic", "consultant"]
    # An old summary without rubric groups still renders, as one group by id.
    assert "By criterion:\n  Clarity" in summary_text(Summary.model_validate(old["summary"]))
