"""Grading one answer: the evaluator contract, the factory that picks one, and the evaluators.

``protocol`` says what every evaluator takes and returns; ``factory`` builds
the LLM evaluator when one is configured and the offline one otherwise (and
always, as the LLM's fallback); ``offline/`` grades with no network in
milliseconds; ``llm/`` grades with any OpenAI-compatible model.

May import: ``content`` and the shared modules (config, errors, locations,
clip). ``offline`` and ``llm`` never import each other; only ``factory``
knows both.
"""
