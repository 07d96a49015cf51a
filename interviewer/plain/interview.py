"""The line-based front end: an interview on stdin and stdout.

For scripts, screen readers and plain terminals. An answer may span lines;
a line holding only ``.`` ends it, and so does the end of input. A line
starting with ``/`` is a command (``//`` escapes a literal slash). Text typed
before a command is never thrown away: ``/end`` submits it, ``/skip`` keeps
it in the transcript as an ungraded draft, and so does Ctrl-C (see
``interviewer.plain.terminal``), which is why the answer being written lives on the
session rather than in a local.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import TextIO

from interviewer.content.rubric_label import OWN, TOPIC, chosen_rubric, rubric_name
from interviewer.errors import UserError
from interviewer.plain.terminal import Keyboard
from interviewer.reports.render import check_text, feedback_text, reflow, summary_text, wrap
from interviewer.session.dialogue import Interview, Prompt

COMMANDS_HELP = (
    "Commands: /skip, /hint, /repeat, /rubric NAME (or /rubric topic), /check, /end, /help. "
    'End an answer with a line holding only ".".'
)


@dataclass
class _Read:
    command: str | None = None
    eof: bool = False


class PlainSession:
    def __init__(self, interview: Interview, stdin: TextIO, stdout: TextIO) -> None:
        self.interview = interview
        self.stdin = stdin
        self.out = stdout
        self._streamed = 0
        self.keyboard = Keyboard(stdin)
        self._typed: list[str] = []
        """The answer being written, line by line, kept through commands until it is sent."""
        self._typed_for = len(interview.transcript.turns)
        self._offer_check = False

    def say(self, text: str = "") -> None:
        self.out.write(self.wrapped(text) + "\n")
        self.out.flush()

    def _stream(self, text: str) -> None:
        # Evaluators pass the whole text so far; print only what is new.
        if len(text) > self._streamed:
            self.out.write(text[self._streamed :])
            self.out.flush()
            self._streamed = len(text)

    def header(self) -> None:
        iv = self.interview
        rubric = rubric_name(iv.rubric_override)
        timing = "after each answer" if iv.settings.feedback == "each" else "at the end"
        self.say(
            f"interviewer: {len(iv.questions)} question(s), evaluator {iv.evaluator.name}, "
            f"rubric {rubric}, feedback {timing}, seed {iv.settings.seed}"
        )
        self.say(f"Transcript: {iv.path}")
        self.say(COMMANDS_HELP)

    def wrapped(self, text: str) -> str:
        """``text`` wrapped as this session prints, for a line printed elsewhere."""
        return wrap(text, self._width())

    def _width(self) -> int | None:
        """The terminal's width, read at each prompt since it may have been resized.

        ``None`` when the output is not a terminal: lines are left whole (a
        prompt's paragraph is one line) for whatever reads them to wrap.
        """
        try:
            if not self.out.isatty():
                return None
        except (AttributeError, ValueError):
            return None
        return max(20, shutil.get_terminal_size().columns - 1)

    def ask(self, prompt: Prompt, repeat: bool = False) -> None:
        q = prompt.question
        label = "Follow-up on question" if prompt.kind == "follow_up" else "Question"
        again = " (again)" if repeat else ""
        self.say(
            f"\n== {label} {prompt.number} of {prompt.total}{again} · {q.topic} · {q.difficulty} =="
        )
        self.say(reflow(prompt.text))  # say() wraps it to the terminal
        self.say()

    def read(self) -> _Read:
        """Add lines to the answer being written until it ends, a command, or input ends."""
        self._typed_for = len(self.interview.transcript.turns)
        while True:
            with self.keyboard.held():  # Ctrl-C waits until the line is stored
                line = self.keyboard.readline()
                if line is None:
                    continue  # Ctrl-C: held() raises it on the way out
                if not line:
                    return _Read(eof=True)
                line = line.rstrip("\r\n")
                if line.strip() == ".":
                    return _Read()
                if line.startswith("//"):
                    self._typed.append(line[1:])
                elif line.startswith("/"):
                    return _Read(command=line[1:].strip())
                else:
                    self._typed.append(line)

    def unsent(self, typeahead: str = "") -> str:
        """What was typed for the open turn and not yet sent: the draft to keep.

        The lines already read count only while the interview is still on
        the turn they were typed for; once it has moved on, they were sent.
        """
        turns = self.interview.transcript.turns
        if self.interview.finished or turns[-1].status != "asked":
            return ""  # no open turn to keep it on
        lines = self._typed if len(turns) == self._typed_for else []
        rest = typeahead.removesuffix("\n")  # whole lines not read yet end in a newline
        return "\n".join([*lines, rest] if rest else lines)

    async def run(self) -> int:
        self.header()
        iv = self.interview
        current = iv.current
        if current is not None:
            self.ask(current)
        while (current := iv.current) is not None:
            read = self.read()
            text = self.unsent()
            if read.command is not None:
                if await self.command(read.command, text):
                    self._typed.clear()
                continue
            if text.strip():
                await self.submit(text)
            elif not read.eof:
                self.say(
                    '(Empty answer. Type an answer or /skip; end it with a line holding only ".")'
                )
            self._typed.clear()
            if read.eof:
                break
        if self._offer_check and not read.eof:
            self._offer_last_check()
        self.finish()
        return 0

    async def submit(self, text: str) -> None:
        iv = self.interview
        show = iv.settings.feedback == "each"
        self._streamed = 0
        self._offer_check = False
        if show:
            self.say("\n-- Feedback --")
        outcome = await iv.answer(text, on_text=self._stream if show else None)
        if show:
            if self._streamed:
                self.say()
            rubric = iv.library.rubrics.get(outcome.feedback.rubric)
            self.say(feedback_text(outcome.feedback, rubric, verdict=not self._streamed))
            self._offer_check = outcome.next is None
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
        elif name == "check":
            self._check()
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
            self.say(f"Rubrics: {ids}. Use /rubric NAME, or /rubric {TOPIC} for {OWN}.")
            return
        try:
            rubric = iv.switch_rubric(chosen_rubric(arg))
        except UserError as exc:
            self.say(f"Cannot switch: {exc}")
            return
        name = rubric_name(rubric.id if rubric else None)
        self.say(f"Rubric: {name}, from the next answer on.")

    def _offer_last_check(self) -> None:
        """The interview ended on a graded answer: /check is still open for it."""
        offer = "That was the last answer: /check marks its key points, Enter shows the summary."
        self.say(offer)
        while (self.keyboard.readline() or "").strip().lower() == "/check":
            self._check()
            self.say(offer)

    def _check(self) -> None:
        """The candidate's own marks for the latest graded answer's key points."""
        from interviewer.history import marks, self_check

        iv = self.interview
        index = self_check.last_graded(iv.transcript.turns)
        if iv.settings.feedback != "each":
            self.say("/check needs feedback after each answer; check these later in a replay.")
            return
        if index is None:
            self.say("/check works after an answer's feedback: answer a question first.")
            return
        check = self_check.open_check(iv.transcript.turns, index, iv.library)
        turn = iv.transcript.turns[index]
        self.say(check_text(check, turn))
        line = (self.keyboard.readline() or "").strip()
        if not line:
            self.say("Marks kept as they were.")
            return
        try:
            chosen = self_check.parse_covered(line, check)
        except ValueError as exc:
            self.say(f"Nothing changed: {exc}. Type /check to try again.")
            return
        before, after = self_check.save_check(iv.transcript, check, chosen, iv.library)
        iv.path = iv.store.save(iv.transcript)
        self.say(f"Self-check saved. {marks.change_text(before, after, iv.library)}")
        for line in marks.differences(turn.feedback or after, turn.self_check):
            self.say(f"  {line}")

    def finish(self) -> None:
        iv = self.interview
        from interviewer.history.marks import summary_note
        from interviewer.history.summary import final_feedback

        summary = iv.end()
        if iv.settings.feedback == "end":
            for turn, feedback in final_feedback(iv.transcript.turns).values():
                self.say(f"\n-- Feedback: {turn.question_id} --")
                self.say(feedback_text(feedback, iv.library.rubrics.get(feedback.rubric)))
        self.say("\n== Summary ==")
        finals = final_feedback(iv.transcript.turns, iv.library).values()
        self.say(summary_text(summary, summary_note(f for _, f in finals)))
        tokens = iv.transcript.usage.line()
        if tokens is not None:
            self.say(f"Tokens: {tokens}")
        self.say(f"Transcript saved: {iv.path}")
