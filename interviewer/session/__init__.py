"""Holding one interview: preparing it from typed options, then the dialogue itself.

``prepare`` turns options (topics, rubric, evaluator, transcripts folder...)
into a ready interview; the command line and the app both call it, so
neither front end parses the other's settings. ``dialogue`` asks, saves each
answer before grading it, grades, follows up and ends.

May import: ``history``, ``grading``, ``content`` and the shared modules. Never
a front end.
"""
