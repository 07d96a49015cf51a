"""The command palette (Ctrl+P) lists what the keys do on the current screen.

Commands come from the active screen's bindings, filtered by its
``check_action``, so the palette offers exactly what a key would do right
now (no "Skip" while an answer is being graded) and cannot drift from the
footer and the help screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

_SKIP = {"command_palette", "quit"}  # the system commands already offer these


class ScreenCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        screen, app = self.screen, self.app
        found: list[tuple[str, str, Callable[[], Any]]] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if (
                active.node not in (screen, app)
                or not active.enabled
                or not binding.description
                or binding.action in _SKIP | seen
            ):
                continue
            seen.add(binding.action)
            name = f"{binding.description} ({app.get_key_display(binding)})"
            found.append((name, binding.tooltip, partial(active.node.run_action, binding.action)))
        return found

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
