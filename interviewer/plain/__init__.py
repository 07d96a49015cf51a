"""The line-based front end (``interviewer practice --plain``): no Textual, stdin and stdout.

``interview`` runs a session line by line; ``terminal`` reads the keyboard so
Ctrl-C and end of input behave as a user expects.

May import: ``session``, ``reports``, ``history``, ``grading``, ``content`` and
the shared modules. Never ``ui``, ``commands`` or ``cli``.
"""
