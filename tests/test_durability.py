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

from interviewer.transcripts import load_transcript
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
