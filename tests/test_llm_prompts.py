"""The prompt templates: checked when they load, shipped with the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from llm_fakes import FakeOffline, settings

from interviewer import locations
from interviewer.grading.llm import LLMEvaluator
from interviewer.grading.llm.prompts import TEMPLATES, PromptError, load_prompts

BUILTIN = locations.builtin_prompts()


def copy_prompts(tmp_path: Path) -> Path:
    folder = tmp_path / "prompts"
    folder.mkdir()
    for name in TEMPLATES:
        (folder / f"{name}.md").write_text((BUILTIN / f"{name}.md").read_text())
    return folder


def test_builtin_templates_load_with_exactly_the_placeholders_the_code_supplies() -> None:
    prompts = load_prompts()
    assert prompts.grade.fields == TEMPLATES["grade"]
    assert prompts.reask.fields == {"error"}
    assert prompts.system.fields == frozenset()


def test_editor_comments_are_not_sent() -> None:
    prompts = load_prompts()
    for template in (prompts.system, prompts.grade, prompts.reask):
        assert "<!--" not in template.text
    assert (BUILTIN / "system.md").read_text().startswith("<!--")


def test_an_unknown_placeholder_fails_at_load(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    grade = folder / "grade.md"
    grade.write_text(grade.read_text() + "\nCandidate's name: {candidate_name}\n")
    with pytest.raises(PromptError, match=r"grade\.md: unknown placeholder \{candidate_name\}"):
        load_prompts(folder)


def test_a_missing_placeholder_fails_at_load(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    grade = folder / "grade.md"
    grade.write_text(grade.read_text().replace("{answer}", "the answer"))
    with pytest.raises(PromptError, match=r"grade\.md: placeholder \{answer\} is missing"):
        load_prompts(folder)


def test_a_placeholder_in_the_system_prompt_fails_at_load(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    (folder / "system.md").write_text("You grade answers to {question}.\n")
    with pytest.raises(PromptError, match=r"system\.md: unknown placeholder \{question\}"):
        load_prompts(folder)


@pytest.mark.parametrize(
    "text",
    [
        "Reply as JSON like {verdict: ...} {error}",
        "{error} {0}",
        "{error!r}",
        "{error:>10}",
        "{ {error}",
    ],
)
def test_format_syntax_other_than_plain_names_fails_at_load(tmp_path: Path, text: str) -> None:
    folder = copy_prompts(tmp_path)
    (folder / "reask.md").write_text(text)
    with pytest.raises(PromptError, match=r"reask\.md"):
        load_prompts(folder)


def test_doubled_braces_are_literal(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    (folder / "reask.md").write_text('Problem: {error}. Reply like {{"verdict": "..."}}.')
    prompts = load_prompts(folder)
    assert prompts.reask.render(error="bad") == 'Problem: bad. Reply like {"verdict": "..."}.\n'


def test_a_missing_template_fails_at_load(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    (folder / "reask.md").unlink()
    with pytest.raises(PromptError, match=r"reask\.md: prompt template is missing"):
        load_prompts(folder)


def test_the_evaluator_loads_its_templates_when_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken template stops the program at start-up, not at the first answer."""
    folder = copy_prompts(tmp_path)
    (folder / "grade.md").write_text("{answer} {typo}")
    monkeypatch.setattr(locations, "builtin_prompts", lambda: folder)
    with pytest.raises(PromptError, match="typo"):
        LLMEvaluator(settings(), FakeOffline())


def test_a_wheel_ships_the_prompts() -> None:
    pyproject = (BUILTIN.parent / "pyproject.toml").read_text()
    assert '"prompts" = "interviewer/_data/prompts"' in pyproject


@pytest.mark.parametrize(
    "module",
    [
        "interviewer",
        "interviewer.grading.protocol",
        "interviewer.grading.llm",
        "interviewer.grading.llm.prompts",
    ],
)
def test_importing_does_not_import_the_openai_sdk(module: str) -> None:
    code = f"import sys, {module}; print('openai' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
