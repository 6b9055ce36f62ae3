"""Step 3 of extraction: dating the events.

    expressions.py  date expressions in a sentence and their resolution to a calendar date
    attachment.py   which date expression of a sentence dates which event"""
