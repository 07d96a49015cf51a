from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from interviewer.content.bank import BUILTIN_TOPICS, Library, load_library
from interviewer.errors import UserError


def test_builtin_bank_size_and_shape(library: Library) -> None:
    questions = list(library.bank)
    assert len(questions) >= 60
    per_topic = Counter(q.topic for q in questions)
    for topic in BUILTIN_TOPICS:
        assert per_topic[topic] >= 10, topic
    for q in questions:
        assert len(q.key_points) >= 3, q.id
        assert len(q.follow_ups) >= 1, q.id
        assert q.reference_answer, q.id


COMMON_SCENARIOS = {
    "fraud-imbalanced-metric": "fraud",
    "fraud-high-recall-low-precision": "recall",
    "subscription-churn-model-fails-new-customers": "churn",
    "ecommerce-returns-missing-and-categorical": "missing",
    "random-forest-vs-neural-network": "neural network",
    "xgboost-vs-single-decision-tree": "decision tree",
    "credit-skewed-income-with-missing": "skew",
    "fraud-model-accuracy-decays-after-launch": "fraud",
    "l2-regularization-overfitting": "overfit",
    "knn-feature-scaling": "nearest",
}


@pytest.mark.parametrize(("question_id", "word"), COMMON_SCENARIOS.items())
def test_builtin_bank_covers_the_common_scenarios(
    library: Library, question_id: str, word: str
) -> None:
    q = library.bank.get(question_id)
    text = " ".join([q.prompt, *(p.text for p in q.key_points)]).lower()
    assert word in text


def test_every_topic_has_its_rubric(library: Library) -> None:
    for topic in BUILTIN_TOPICS:
        assert topic in library.rubrics
    for q in library.bank:
        assert library.rubric_for(q) == q.topic


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
[[question]]
id = "my-own-question"
topic = "recsys"
prompt = "How would you evaluate a recommender offline?"
key_points = [
  "Use ranking metrics such as NDCG or recall at k.",
  { text = "Split by time so the model never sees future interactions.", \
hints = ["temporal split"] },
]
"""


def test_user_bank_with_its_own_topic_uses_general_rubric(user_bank: Path) -> None:
    write(user_bank, "mine.toml", GOOD)
    lib = load_library([user_bank])
    q = lib.bank.get("my-own-question")
    assert q.difficulty == "medium"
    assert q.key_points[1].hints == ["temporal split"]
    assert lib.rubric_for(q) == "general"
    assert "recsys" in lib.bank.topics()


def test_user_bank_from_environment(user_bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(user_bank, "mine.toml", GOOD)
    monkeypatch.setenv("INTERVIEWER_BANKS", str(user_bank))
    assert "my-own-question" in load_library().bank


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[question]\nid = 'x'", "malformed TOML"),
        (
            GOOD.replace('prompt = "How would you evaluate a recommender offline?"\n', ""),
            "field 'prompt': required field is missing",
        ),
        (
            GOOD.replace('topic = "recsys"', 'topic = "recsys"\ndifficulty = "brutal"'),
            "field 'difficulty'",
        ),
        (
            GOOD.replace('topic = "recsys"', 'topic = "recsys"\nfollowups = ["x"]'),
            "field 'followups': unknown field",
        ),
        (GOOD.replace('id = "my-own-question"', 'id = "Bad Id"'), "field 'id'"),
        (
            GOOD.replace('topic = "recsys"', 'topic = "recsys"\nrubric = "nope"'),
            "field 'rubric': unknown rubric 'nope'",
        ),
        ("[[question]]\nid='a'\ntopic='t'\nprompt='p'\nkey_points=[]", "field 'key_points'"),
        ("[[questions]]\nid='a'", "unknown top-level key 'questions'"),
    ],
)
def test_bad_bank_files_name_the_file_and_field(user_bank: Path, text: str, expected: str) -> None:
    path = write(user_bank, "broken.toml", text)
    with pytest.raises(UserError) as info:
        load_library([user_bank])
    message = str(info.value)
    assert str(path) in message
    assert expected in message
    assert "\n" not in message


def test_duplicate_id_across_banks_names_both_files(user_bank: Path, tmp_path: Path) -> None:
    write(user_bank, "a.toml", GOOD)
    other = tmp_path / "other"
    other.mkdir()
    write(other, "b.toml", GOOD)
    with pytest.raises(UserError, match="duplicate question id 'my-own-question'") as info:
        load_library([user_bank, other])
    assert "a.toml" in str(info.value) and "b.toml" in str(info.value)


def test_duplicate_of_a_builtin_id(user_bank: Path) -> None:
    write(user_bank, "a.toml", GOOD.replace("my-own-question", "fraud-imbalanced-metric"))
    with pytest.raises(UserError, match="duplicate question id 'fraud-imbalanced-metric'"):
        load_library([user_bank])


def test_missing_bank_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such bank folder"):
        load_library([tmp_path / "nope"])


def test_selection_is_repeatable_without_repeats(library: Library) -> None:
    first = library.bank.select(count=12, seed=7)
    again = library.bank.select(count=12, seed=7)
    other = library.bank.select(count=12, seed=8)
    assert [q.id for q in first] == [q.id for q in again]
    assert [q.id for q in first] != [q.id for q in other]
    assert len({q.id for q in first}) == 12
    assert len({q.topic for q in first}) == 5  # topics take turns


def test_selection_filters_topic_and_difficulty(library: Library) -> None:
    chosen = library.bank.select(topics=["algorithms"], difficulties=["hard"], count=50, seed=1)
    assert chosen
    assert all(q.topic == "algorithms" and q.difficulty == "hard" for q in chosen)
    with pytest.raises(UserError, match="unknown topic 'cooking'"):
        library.bank.select(topics=["cooking"], count=3, seed=1)
