"""The line-based front end: an interview on stdin and stdout.

For scripts, screen readers and plain terminals. An answer may span lines;
a line holding only ``.`` ends it, and so does the end of input. A line
starting with ``/`` is a command (``//`` escapes a literal slash). Text typed
before a command is never thrown away: ``/end`` submits it, ``/skip`` keeps
it in the transcript as an ungraded draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from interviewer.dialogue import Interview, Prompt
from interviewer.errors import UserError
from interviewer.render import feedback_text, summary_text

COMMANDS_HELP = (
    "Commands: /skip, /hint, /repeat, /rubric NAME (or /rubric topic), /end, /help. "
    'End an answer with a line holding only ".".'
)


@dataclass
class _Read:
    text: str
    command: str | None = None
    eof: bool = False


class PlainSession:
    def __init__(self, interview: Interview, stdin: TextIO, stdout: TextIO) -> None:
        self.interview = interview
        self.stdin = stdin
        self.out = stdout
        self._streamed = 0

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _stream(self, text: str) -> None:
        # Evaluators pass the whole text so far; print only what is new.
        if len(text) > self._streamed:
            self.out.write(text[self._streamed :])
            self.out.flush()
            self._streamed = len(text)

    def header(self) -> None:
        iv = self.interview
        rubric = iv.rubric_override or "each topic's own"
        timing = "after each answer" if iv.settings.feedback == "each" else "at the end"
        self.say(
            f"interviewer: {len(iv.questions)} question(s), evaluator {iv.evaluator.name}, "
            f"rubric {rubric}, feedback {timing}, seed {iv.settings.seed}"
        )
        self.say(f"Transcript: {iv.path}")
        self.say(COMMANDS_HELP)

    def ask(self, prompt: Prompt, repeat: bool = False) -> None:
        q = prompt.question
        label = "Follow-up" if prompt.kind == "follow_up" else "Question"
        again = " (again)" if repeat else ""
        self.say(
            f"\n== {label} {prompt.number} of {prompt.total}{again} · {q.topic} · {q.difficulty} =="
        )
        self.say(prompt.text)
        self.say()

    def read(self) -> _Read:
        lines: list[str] = []
        while True:
            line = self.stdin.readline()
            if not line:
                return _Read("\n".join(lines), eof=True)
            line = line.rstrip("\r\n")
            if line.strip() == ".":
                return _Read("\n".join(lines))
            if line.startswith("//"):
                lines.append(line[1:])
            elif line.startswith("/"):
                return _Read("\n".join(lines), command=line[1:].strip())
            else:
                lines.append(line)

    async def run(self) -> int:
        self.header()
        iv = self.interview
        draft = ""
        current = iv.current
        if current is not None:
            self.ask(current)
        while (current := iv.current) is not None:
            read = self.read()
            text = "\n".join(part for part in (draft, read.text) if part)
            draft = ""
            if read.command is not None:
                draft = text
                if await self.command(read.command, draft):
                    draft = ""
                continue
            if text.strip():
                await self.submit(text)
            elif not read.eof:
                self.say(
                    '(Empty answer. Type an answer or /skip; end it with a line holding only ".")'
                )
            if read.eof:
                break
        self.finish()
        return 0

    async def submit(self, text: str) -> None:
        iv = self.interview
        show = iv.settings.feedback == "each"
        self._streamed = 0
        if show:
            self.say("\n-- Feedback --")
        outcome = await iv.answer(text, on_text=self._stream if show else None)
        if show:
            if self._streamed:
                self.say()
            rubric = iv.library.rubrics.get(outcome.feedback.rubric)
            self.say(feedback_text(outcome.feedback, rubric, verdict=not self._streamed))
        else:
            self.say("(Answer saved; feedback comes at the end.)")
        if outcome.next is not None:
            self.ask(outcome.next)

    async def command(self, line: str, draft: str) -> bool:
        """Run a command; returns True when it consumed the draft."""
        iv = self.interview
        name, _, arg = line.partition(" ")
        name, arg = name.lower(), arg.strip()
        if name in ("skip", "s"):
            nxt = iv.skip(draft)
            self.say(
                "Skipped." + (" Your draft is kept in the transcript." if draft.strip() else "")
            )
            if nxt is not None:
                self.ask(nxt)
            return True
        if name in ("end", "quit", "q"):
            if draft.strip():
                await self.submit(draft)
            if iv.current is not None:
                iv.end()
            return True
        if name == "hint":
            hint = iv.hint()
            self.say(f"Hint: {hint}" if hint else "No more hints for this question.")
        elif name == "repeat":
            self.ask(iv.repeat(), repeat=True)
        elif name == "rubric":
            self._rubric(arg)
        elif name == "help":
            self.say(COMMANDS_HELP)
        else:
            self.say(f"Unknown command /{name}. {COMMANDS_HELP}")
        if draft.strip():
            self.say("(Your answer so far is kept; keep typing.)")
        return False

    def _rubric(self, arg: str) -> None:
        iv = self.interview
        if not arg:
            ids = ", ".join(iv.library.rubrics.ids())
            self.say(f"Rubrics: {ids}. Use /rubric NAME, or /rubric topic for each topic's own.")
            return
        try:
            rubric = iv.switch_rubric(None if arg in ("topic", "default") else arg)
        except UserError as exc:
            self.say(f"Cannot switch: {exc}")
            return
        name = rubric.id if rubric else "each topic's own"
        self.say(f"Rubric: {name}, from the next answer on.")

    def finish(self) -> None:
        iv = self.interview
        summary = iv.end()
        if iv.settings.feedback == "end":
            from interviewer.summary import final_feedback

            for turn, feedback in final_feedback(iv.transcript.turns).values():
                self.say(f"\n-- Feedback: {turn.question_id} --")
                self.say(feedback_text(feedback, iv.library.rubrics.get(feedback.rubric)))
        self.say("\n== Summary ==")
        self.say(summary_text(summary))
        tokens = iv.transcript.usage.line()
        if tokens is not None:
            self.say(f"Tokens: {tokens}")
        self.say(f"Transcript saved: {iv.path}")
