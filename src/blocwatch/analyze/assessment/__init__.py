"""The assessment of "is X realigning toward Y?" (issue 8, CONTRACT section 6).

    assess(x, y, versus=None, year_from=None, year_to=None, db=None, n_evidence=10) -> Assessment

The older one-dyad view (vote agreement, its change points, events) used by the web API
lives on in ``blocwatch.analyze.dyad_assessment`` and is re-exported here."""

from __future__ import annotations

from blocwatch.analyze.assessment.result import Assessment
from blocwatch.analyze.assessment.run import assess
from blocwatch.analyze.dyad_assessment import (
    SOURCE_BREAK_SESSION,
    DyadAssessment,
    Shift,
    UnknownCountryError,
    assess_dyad,
    build_assessment,
    detect_shifts,
    evidence_strength,
    list_countries,
    monthly_totals,
    resolve,
    segment_shifts,
)

__all__ = [
    "SOURCE_BREAK_SESSION", "Assessment", "DyadAssessment", "assess", "Shift", "UnknownCountryError", "assess_dyad", "build_assessment",
    "detect_shifts", "evidence_strength", "list_countries", "monthly_totals", "resolve", "segment_shifts",
]
