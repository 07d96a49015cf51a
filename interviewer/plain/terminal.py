"""Plain mode's keyboard: one Ctrl-C ends the session, and what was typed stays.

Three things stood in the way. ``asyncio.run`` answers the first SIGINT by
cancelling its task, which cannot happen while that task sits in a blocking
``readline``, so the first press was swallowed; a handler of our own raises
``KeyboardInterrupt`` instead. Raised at any instant, though, it can land
between ``readline`` returning a line and the line being stored, so while a
line is read and stored the press is only noted and raised right after.
While an answer is being graded the event loop is waiting, not our code
running: there a press cancels the session's task, as ``asyncio.run`` would,
rather than raising inside a library's connection code.
And a terminal throws away its half-typed line on Ctrl-C; with ``NOFLSH``
set it keeps it, and turning canonical mode off for a moment hands it over
without waiting for Enter.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

_POLL_SECONDS = 0.1
"""How often a held Ctrl-C is looked for while waiting for a line."""


class Keyboard:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        try:
            self._fd: int | None = stream.fileno()
        except (AttributeError, OSError, ValueError):
            self._fd = None  # a StringIO in tests: nothing to wait on
        self._installed = False
        self._holding = False
        self._pressed = False
        self.task: asyncio.Task[int] | None = None
        """The session's task, cancelled by a press that comes while it awaits."""
        self.interrupted = False
        """Whether a press cancelled the task."""
        self._reading = False

    @contextlib.contextmanager
    def ctrl_c(self) -> Iterator[None]:
        """While inside, Ctrl-C raises ``KeyboardInterrupt``, even inside ``asyncio.run``."""
        try:
            previous = signal.signal(signal.SIGINT, self._on_sigint)
        except ValueError:  # not the main thread: leave signals alone
            yield
            return
        self._installed = True
        try:
            with self._keep_half_typed_line():
                yield
        finally:
            self._installed = False
            signal.signal(signal.SIGINT, previous)

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        if self._holding:
            self._pressed = True
            return
        task = self.task
        if task is not None and not task.done() and not self._reading:
            # not blocked in a read: let the task stop at its next await, as
            # asyncio.run would, instead of raising inside a library's code
            self.interrupted = True
            task.get_loop().call_soon_threadsafe(task.cancel)
            return
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Ctrl-C pressed inside is raised on the way out, once the line in hand is stored.

        Only from a terminal, which hands over one whole line per read, so
        waiting for it to be readable is safe; a pipe is read in blocks that
        Python buffers, and there Ctrl-C is raised at once.
        """
        if self._tty() is None:
            yield
            return
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
            if self._pressed or self.interrupted:
                self._pressed = False
                raise KeyboardInterrupt

    def readline(self) -> str | None:
        """The next line (``""`` at the end of input), or ``None`` if Ctrl-C came first."""
        if self.interrupted:  # pressed while our code ran: stop before blocking on a read
            raise KeyboardInterrupt
        if self._installed and self._holding and self._fd is not None:
            # A held Ctrl-C does not break a blocking read, so wait for a whole
            # line (what a terminal reports as readable) and look for presses.
            while not select.select([self._fd], [], [], _POLL_SECONDS)[0]:
                if self._pressed or self.interrupted:
                    return None
            if self._pressed or self.interrupted:
                return None
        self._reading = True
        try:
            return self.stream.readline()
        finally:
            self._reading = False

    def _tty(self) -> int | None:
        if self._fd is None or not os.isatty(self._fd):
            return None
        try:
            import termios  # noqa: F401  (not on Windows)
        except ImportError:
            return None
        return self._fd

    @contextlib.contextmanager
    def _keep_half_typed_line(self) -> Iterator[None]:
        fd = self._tty()
        if fd is None:
            yield
            return
        import termios

        try:
            saved = termios.tcgetattr(fd)
            keep = termios.tcgetattr(fd)
            keep[3] |= termios.NOFLSH
            termios.tcsetattr(fd, termios.TCSANOW, keep)
        except termios.error:
            yield
            return
        try:
            yield
        finally:
            with contextlib.suppress(termios.error):
                termios.tcsetattr(fd, termios.TCSANOW, saved)

    def typeahead(self) -> str:
        """Text typed into the terminal and not read yet, half a line included.

        Only inside ``ctrl_c()``, where Ctrl-C leaves it in the terminal;
        elsewhere, and outside a terminal, ``""``.
        """
        fd = self._tty() if self._installed else None
        if fd is None:
            return ""
        import termios

        try:
            now = termios.tcgetattr(fd)
            raw = termios.tcgetattr(fd)
            raw[3] &= ~(termios.ICANON | termios.ECHO)
            raw[6][termios.VMIN] = 0
            raw[6][termios.VTIME] = 0
            termios.tcsetattr(fd, termios.TCSANOW, raw)
        except termios.error:
            return ""
        chunks: list[bytes] = []
        try:
            while chunk := os.read(fd, 4096):
                chunks.append(chunk)
        except OSError:
            pass
        finally:
            with contextlib.suppress(termios.error):
                termios.tcsetattr(fd, termios.TCSANOW, now)
        return b"".join(chunks).decode(errors="replace")
