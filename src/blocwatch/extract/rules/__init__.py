"""Step 2 of extraction: event candidates from the trigger lexicon (extract/data/triggers.json).

    events.py       triggers and their frames -> Candidate (type, actor, recipient, polarity)
    arguments.py    syntactic slots (subject, object, "to"-phrase ...) and the actors they name
    references.py   reactions to an earlier event: what an object noun points back to
    pairing.py      the (actor, recipient) code pairs a candidate asserts
    modality.py     negation and modality (asserted, future, hypothetical) of a trigger"""
