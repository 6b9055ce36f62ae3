"""Shape of the trigger lexicon data/triggers.json: every frame is usable."""

from __future__ import annotations

import re

from blocwatch.extract.rules.events import lexicon, role_nouns
from blocwatch.extract.rules.modality import modality_words, triggers_data

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
SLOT = re.compile(r"^(subj|dobj|dobj_if_actor|dative|pair|poss|amod|compound|nmod|between|governor|ccomp_subj|obj_mention|passive_goods|obj_deep_prep:[a-z]+"
                  r"|prep:[a-z]+|obj_(prep:[a-z]+|poss|amod|compound)|xcomp_(dobj|prep:[a-z]+|obj_prep:[a-z]+))$")
REQUIRES = {"prep", "particle", "object", "object_any", "object_kinds", "complement", "requires_prep",
            "complement_lemma", "no_predicate", "subject", "subject_kinds", "intransitive", "predicate", "object_modifier", "object_not_sectors", "hostile_predicate", "future_aux", "prep_object"}
CONTEXTS = {"diplomatic", "economic", "military", "political", "humanitarian"}


def test_extract_triggers_every_frame_is_well_formed() -> None:
    verbs, nouns, _, _ = lexicon()
    frames = [f for group in verbs.values() for f in group] + list(nouns.values())
    assert len(verbs) > 80 and len(nouns) > 15
    for frame in frames:
        assert frame.event in PLOVER_TYPES, frame
        assert set(frame.context) <= CONTEXTS, frame
        assert all(SLOT.match(slot) for slot in frame.actor + frame.recipient), frame
        assert set(frame.requires) <= REQUIRES, frame
        assert frame.lemma == frame.lemma.lower()


def test_extract_triggers_cover_every_plover_type() -> None:
    verbs, nouns, _, _ = lexicon()
    covered = {f.event for group in verbs.values() for f in group} | {f.event for f in nouns.values()}
    assert covered == PLOVER_TYPES


def test_extract_triggers_word_lists() -> None:
    data = triggers_data()
    assert set(data["complement_governors"]) - {"_doc"} == {"aspect", "future", "negate", "skip", "defer"}
    words = modality_words()
    assert "will" in words.future_aux and "could" in words.hypothetical_aux and "if" in words.conditional_marks
    assert "counterpart" in role_nouns()
    # a verb cannot be both a reporting verb whose content is asserted and one whose content is not
    assert not set(data["complement_governors"]["aspect"]) & set(data["reporting"]["unasserted"])
