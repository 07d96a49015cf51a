"""What an interview is made of: questions, key points, rubrics, and the files they live in.

``models`` holds the records every other package passes around (questions,
rubrics, feedback); ``bank`` and ``rubrics`` load them from TOML and assemble
a library from the built-in folders and the user's own; ``rubric_label`` is
the one place that words which rubric graded what.

May import: the shared modules at the top of ``interviewer`` (errors,
locations, tomlfiles). Nothing else in the package: everything else builds
on this.
"""
