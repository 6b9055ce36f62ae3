"""A fresh clone skips tests for a few causes, each said in the same words (tests/skips.py)."""

from __future__ import annotations

import re
from pathlib import Path

import skips

TESTS = Path(__file__).resolve().parent
#: A skip reason written out in place for a cause that tests/skips.py names.
SPELLED_OUT = re.compile(r"""(?:skip\(|reason=)f?["'][^"']*(?:shared|BLOCWATCH_TEST_PG|capsh|root reads)""")


def test_skips_reasons_one_wording_per_cause() -> None:
    spelled = [f"{path.name}:{number}" for path in sorted(TESTS.glob("*.py")) if path.name != "skips.py"
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if SPELLED_OUT.search(line)]
    assert not spelled, f"write these reasons as the constants of tests/skips.py: {spelled}"
    reasons = [value for name, value in vars(skips).items() if name.isupper()]
    assert len(set(reasons)) == len(reasons) and all(reason.strip() for reason in reasons)
