"""Sessions as text for people: feedback, summaries, progress charts, regrade tables, exports.

``render`` words feedback and summaries for plain mode and replays;
``export`` picks a format (``markdown``, ``html``, JSON) for a whole
transcript, from the parts both formats show (``parts``); ``progress_view``
and ``regrade_view`` draw progress and regrades for the command line.
Add an export format in ``export.py`` beside the others.

May import: ``history``, ``grading.protocol``, ``content`` and the shared
modules. Never a front end or ``session``.
"""
