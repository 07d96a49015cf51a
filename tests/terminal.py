"""Running ``interviewer`` in a real pseudo-terminal, as a person at a keyboard does.

A pipe cannot show what a terminal does with Ctrl-C (the line discipline
turns the key into SIGINT for the foreground process and, unless told
otherwise, throws the half-typed line away) or how wide it is. Here the
program is the session leader of its own pty, so ``\\x03`` written to the
master side is a real Ctrl-C.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

from tests.conftest import ROOT


class Terminal:
    def __init__(self, *args: str, columns: int = 100, rows: int = 30) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: become `interviewer`
            try:
                os.chdir(ROOT)
                os.execv(sys.executable, [sys.executable, "-m", "interviewer", *args])
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = ""
        self._seen = 0
        self.status: int | None = None

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def _pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.output += data.decode(errors="replace")
        return True

    def expect(self, text: str, timeout: float = 30.0) -> None:
        """Read until ``text`` appears after what the last call found.

        The deadline is generous: it only guards against a hang.
        """
        deadline = time.monotonic() + timeout
        while (found := self.output.find(text, self._seen)) < 0:
            if time.monotonic() > deadline or not self._pump(0.1):
                raise AssertionError(f"never saw {text!r} in:\n{self.output[self._seen :]}")
        self._seen = found + len(text)

    def wait(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._pump(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._pump(0.05) and select.select([self.fd], [], [], 0)[0]:
                    pass
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        raise AssertionError(f"still running after {timeout}s:\n{self.output}")

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)
