"""Reading the TOML files users write, with errors that point at the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from interviewer.errors import UserError


def read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: malformed TOML: {exc}") from None


def toml_files(folder: Path) -> list[Path]:
    """The ``.toml`` files directly in ``folder`` (or ``folder`` itself if it is one)."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise UserError(f"{folder}: no such bank folder")
    return sorted(p for p in folder.glob("*.toml") if p.is_file())
