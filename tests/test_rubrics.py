from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.content.bank import Library, load_library
from interviewer.errors import UserError


def test_required_rubrics_exist_with_five_levels(library: Library) -> None:
    ids = set(library.rubrics.ids())
    assert {"general", "consultant", "structured"} <= ids
    assert {"model-selection", "algorithms", "preprocessing", "deployment", "end-to-end"} <= ids
    for rubric in library.rubrics:
        assert rubric.title and rubric.description
        for criterion in rubric.criteria:
            assert sorted(criterion.levels) == [1, 2, 3, 4, 5]
            assert len(set(criterion.levels.values())) == 5, (rubric.id, criterion.id)


def test_communication_rubrics_ask_for_communication(library: Library) -> None:
    consultant = {c.measure for c in library.rubrics.get("consultant").criteria}
    assert {"plain-language", "business-impact", "recommendation"} <= consultant
    structured = {c.measure for c in library.rubrics.get("structured").criteria}
    assert {"structure", "tradeoffs"} <= structured


def test_unknown_rubric_is_a_clear_error(library: Library) -> None:
    with pytest.raises(UserError, match=r"unknown rubric .friendly.*consultant"):
        library.rubrics.get("friendly")


def test_a_user_bank_can_bring_a_rubric(user_bank: Path) -> None:
    (user_bank / "rubrics").mkdir()
    (user_bank / "rubrics" / "brief.toml").write_text(
        """
id = "brief"
title = "Brief"
description = "Short answers."
[[criteria]]
id = "length"
title = "Length"
description = "Fits the question."
measure = "conciseness"
levels = {1 = "a", 2 = "b", 3 = "c", 4 = "d", 5 = "e"}
""",
        encoding="utf-8",
    )
    assert "brief" in load_library([user_bank]).rubrics


def test_bad_rubric_names_file_and_field(user_bank: Path) -> None:
    (user_bank / "rubrics").mkdir()
    path = user_bank / "rubrics" / "bad.toml"
    path.write_text(
        'id = "bad"\ntitle = "t"\ndescription = "d"\n[[criteria]]\nid = "x"\ntitle = "X"\n'
        'description = "d"\nmeasure = "vibes"\nlevels = {1 = "a", 2 = "b", 3 = "c", 4 = "d"}\n',
        encoding="utf-8",
    )
    with pytest.raises(UserError) as info:
        load_library([user_bank])
    assert str(path) in str(info.value) and "field 'criteria.0." in str(info.value)
