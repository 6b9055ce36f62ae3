"""Shape of the caption patterns data file."""

from __future__ import annotations

import json
import re
from importlib import resources


def test_captions_data_shape() -> None:
    raw = json.loads(resources.files("blocwatch.ingest").joinpath("data/captions.json").read_text("utf-8"))
    assert set(raw) == {"description", "max_words", "line_patterns", "start_patterns", "end_patterns"}
    assert isinstance(raw["max_words"], int) and 10 <= raw["max_words"] <= 100
    for key in ("line_patterns", "start_patterns", "end_patterns"):
        patterns = raw[key]
        assert patterns and all(isinstance(p, str) and p for p in patterns)
        assert len(set(patterns)) == len(patterns)
        for pattern in patterns:
            compiled = re.compile(pattern, re.IGNORECASE)
            # A pattern that matches nothing-at-all would drop every empty tail.
            assert not compiled.fullmatch(""), pattern
            assert not compiled.fullmatch("Russia and Pakistan agreed to build a pipeline."), pattern
