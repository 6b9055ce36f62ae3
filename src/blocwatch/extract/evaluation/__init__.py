"""Scoring the extractor (not a step of extraction itself).

    scoring.py      events against hand-coded gold files (`blocwatch evaluate`)
    reference.py    single-sentence reference examples
                    (python -m blocwatch.extract.evaluation.reference PATH)"""
