"""Every path the program reads or writes, in one place.

Tests point these at temporary folders through the environment, so nothing
here is computed at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # A wheel carries the data inside the package (see pyproject.toml); a
    # checkout or an editable install reads it from the top of the repo.
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def builtin_bank() -> Path:
    return _data_dir("bank")


def builtin_rubrics() -> Path:
    return _data_dir("rubrics")


def builtin_prompts() -> Path:
    return _data_dir("prompts")


def _split_paths(value: str | None) -> list[Path]:
    return [Path(p).expanduser() for p in (value or "").split(os.pathsep) if p.strip()]


def extra_banks() -> list[Path]:
    """Banks named by ``INTERVIEWER_BANKS`` (folders separated by ``:``)."""
    return _split_paths(os.environ.get("INTERVIEWER_BANKS"))


def data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "interviewer"


def config_home() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "interviewer"


def transcripts_dir(override: Path | None = None) -> Path:
    """``--transcripts DIR``, else ``INTERVIEWER_TRANSCRIPTS``, else the data home."""
    if override is not None:
        return override.expanduser()
    env = os.environ.get("INTERVIEWER_TRANSCRIPTS")
    if env:
        return Path(env).expanduser()
    return data_home() / "transcripts"


def config_file() -> Path:
    env = os.environ.get("INTERVIEWER_CONFIG")
    return Path(env).expanduser() if env else config_home() / "config.toml"
