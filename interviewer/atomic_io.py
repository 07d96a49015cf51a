"""Writing a file so that readers see the old version or the new one, whole, never half.

Transcripts are rewritten after every answer and reports may be written over
earlier ones, so every write goes through a temp file in the same folder that
is fsynced and renamed over the target: a crash, a kill or Ctrl-C at any
moment leaves one complete file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str, *, private: bool = True) -> None:
    """Replace ``path`` with ``text`` so that readers see the old or the new file, whole.

    ``private`` files (transcripts) are readable by their owner only; others
    (reports, made to be shared) get the mode the user's umask gives.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if not private:
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
