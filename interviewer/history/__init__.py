"""Past sessions: the transcript record and its migrations, the folder, and what is read from it.

``schema`` is the one transcript schema, with the migration steps from every
older version (add a step there when the format changes); ``store`` saves
and finds files atomically; ``listing`` is one row per session; ``summary``,
``turns`` and ``marks`` compute a session's scores, record a graded turn and
apply the candidate's self-check marks; ``self_check`` runs a self-check;
``progress``, ``focus`` and ``regrade`` read many transcripts for trends,
weak spots and re-grading.

May import: ``grading``, ``content`` and the shared modules. Never a front end
or ``session``.
"""
