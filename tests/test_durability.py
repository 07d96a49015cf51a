"""No submitted answer is lost when the process dies: real subprocesses, real signals."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from interviewer.history.schema import load_transcript
from tests.conftest import ROOT


def start(folder: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "interviewer",
            "practice",
            "--plain",
            "--questions",
            "3",
            "--transcripts",
            str(folder),
            *extra,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
    )


def wait_for(predicate: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def answers_in(folder: Path) -> list[str]:
    files = list(folder.glob("*.json"))
    if not files:
        return []
    data = json.loads(files[0].read_text(encoding="utf-8"))
    return [t["answer"] for t in data["turns"] if t["answer"]]


def test_sigkill_after_submitting_keeps_the_answer(tmp_path: Path) -> None:
    proc = start(tmp_path)
    assert proc.stdin is not None
    proc.stdin.write("My first answer, about leakage and time splits.\n.\n")
    proc.stdin.flush()
    wait_for(lambda: answers_in(tmp_path) == ["My first answer, about leakage and time splits."])
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    transcript = load_transcript(next(tmp_path.glob("*.json")))
    assert transcript.turns[0].answer == "My first answer, about leakage and time splits."


def test_ctrl_c_ends_the_session_cleanly(tmp_path: Path) -> None:
    proc = start(tmp_path)
    assert proc.stdin is not None
    proc.stdin.write("An answer before the interrupt.\n.\n")
    proc.stdin.flush()
    wait_for(lambda: answers_in(tmp_path) == ["An answer before the interrupt."])
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert "Traceback" not in err and "Transcript saved" in err
    transcript = load_transcript(next(tmp_path.glob("*.json")))
    assert transcript.ended_at is not None and transcript.summary is not None
    assert transcript.turns[0].answer == "An answer before the interrupt."


def test_killed_at_random_moments_the_file_always_loads(tmp_path: Path) -> None:
    rng = random.Random(1234)
    for attempt in range(12):
        folder = tmp_path / str(attempt)
        proc = start(folder, "--follow-ups", "0")
        assert proc.stdin is not None
        for n in range(3):
            proc.stdin.write(f"answer {n}: I would check for leakage and drift first.\n.\n")
        proc.stdin.flush()
        time.sleep(rng.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdin.close()
        for path in folder.glob("*.json"):
            transcript = load_transcript(path)  # never half a file
            answers = [t.answer for t in transcript.turns if t.answer]
            assert answers == [
                f"answer {n}: I would check for leakage and drift first."
                for n in range(len(answers))
            ]


class SilentServer:
    """An OpenAI-compatible address that accepts connections and never answers.

    Grading hangs there, which holds the process inside the LLM call: the
    moment a crash or Ctrl-C would cost an answer if it were saved after grading.
    """

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.clients: list[socket.socket] = []
        self.connected = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.clients.append(client)
            self.connected.set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/v1"

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.sock.close()


def test_kill_and_ctrl_c_while_the_llm_is_grading(tmp_path: Path) -> None:
    server = SilentServer()
    try:
        for sig, folder in ((signal.SIGKILL, tmp_path / "kill"), (signal.SIGINT, tmp_path / "int")):
            server.connected.clear()
            proc = start(folder, "--base-url", server.url, "--model", "slow-model")
            assert proc.stdin is not None
            proc.stdin.write("Answer in flight while the model thinks.\n.\n")
            proc.stdin.flush()
            assert server.connected.wait(20), "the evaluator never called the server"
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=20)
            transcript = load_transcript(next(folder.glob("*.json")))
            assert transcript.turns[0].answer == "Answer in flight while the model thinks."
            assert transcript.turns[0].feedback is None
            assert transcript.settings.evaluator == "slow-model"
            if sig == signal.SIGINT:
                assert proc.returncode == 130
                assert "Traceback" not in err
                assert transcript.ended_at is not None
    finally:
        server.close()
