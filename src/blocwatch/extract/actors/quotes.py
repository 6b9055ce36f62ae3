"""First-person words inside a quotation, resolved to whoever the text says spoke it.

    "We will answer in kind," the Ruritanian defence minister said.   we  -> RUR
    An EU spokesperson said: "Our position has not changed."        our -> EUU
    "I urge both sides to talk," Foreign Minister Ana Gomez said.   I   -> her state

A quotation runs between quote marks inside one paragraph (straight quotes alternate open
and close; a paragraph break closes any still open). Its speaker is the subject of a verb of
saying outside the quotation, in the sentence where the quotation closes (after it: '...,"
X said', '..." said X') or where it opens (before it: 'X said: "...'). The speaker must be an
actor mention with codes (a person, a post, a state, an organisation; not a pronoun). "I", "me", "my" take only a single person as speaker; "we", "us", "our"
any actor. Nothing is resolved when no speaker is found."""

from __future__ import annotations

from blocwatch.extract.actors.spans import Draft, SpacyDoc, Token, covered_map, sort_and_dedupe

OPENING = frozenset({"“"})
CLOSING = frozenset({"”"})
STRAIGHT = frozenset({'"'})
PLURAL_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "ourselves"})
SINGULAR_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "declare", "warn", "write", "tweet", "post", "insist", "stress",
    "note", "explain", "argue", "claim", "announce", "remark", "continue", "conclude", "reply",
    "respond", "assert", "affirm", "emphasise", "emphasize", "caution", "vow", "pledge", "promise",
    "complain", "acknowledge", "admit", "reiterate", "recall", "observe", "comment", "counter",
})
#: a pronoun is no speaker: "he said" after a quotation is too often someone the text never
#: ties to an actor (an analyst, a lawyer) whom coreference has mistaken for the last official
SPEAKER_KINDS = frozenset({
    "name", "capital", "seat", "organisation", "nonstate", "person", "role", "description", "compound",
})


def resolve_quotes(sdoc: SpacyDoc, drafts: list[Draft], paragraphs: list[int]) -> list[Draft]:
    """Drafts with first-person words of quotations added."""
    owner = covered_map(drafts, len(sdoc))
    found: list[Draft] = []
    for start, end in quotations(sdoc, paragraphs):
        words = [i for i in range(start, end) if sdoc[i].lower_ in PLURAL_FIRST_PERSON | SINGULAR_FIRST_PERSON
                 and owner[i] == -1]
        if not words:
            continue
        speaker = _speaker(sdoc, drafts, owner, start, end)
        if speaker is None:
            continue
        for i in words:
            singular = sdoc[i].lower_ in SINGULAR_FIRST_PERSON
            if singular and not (speaker.personal and len(speaker.codes) == 1):
                continue
            kind = "pair" if len(speaker.codes) > 1 else "pronoun"
            found.append(Draft(i, i + 1, speaker.codes, kind, speaker.sector,
                               speaker.person if singular else None, speaker.office if singular else None,
                               singular))
    return sort_and_dedupe(drafts + found) if found else drafts


def quotations(sdoc: SpacyDoc, paragraphs: list[int]) -> list[tuple[int, int]]:
    """Token spans [start, end) inside quote marks, the marks excluded."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for token in sdoc:
        i = token.i
        if opened is not None and paragraphs[i] != paragraphs[opened]:
            spans.append((opened + 1, i))
            opened = None
        text = token.text
        if text in OPENING or (text in STRAIGHT and opened is None):
            opened = i
        elif (text in CLOSING or text in STRAIGHT) and opened is not None:
            spans.append((opened + 1, i))
            opened = None
    return spans


def _speaker(sdoc: SpacyDoc, drafts: list[Draft], owner: list[int], start: int, end: int) -> Draft | None:
    """The actor who says the quotation [start, end)."""
    if end < len(sdoc):
        closing_sentence = sdoc[end].sent
        after = [t for t in closing_sentence if t.i > end]
        speaker = _subject_of_saying(after, drafts, owner)
        if speaker is not None:
            return speaker
    if start >= 2:
        opening_sentence = sdoc[start - 1].sent
        before = [t for t in opening_sentence if t.i < start - 1]
        if before and before[-1].text in {":", ","}:
            before = before[:-1]
        if before and before[-1].lemma_ in SPEECH_VERBS:
            return _subject_of_saying(before, drafts, owner)
    return None


def _subject_of_saying(tokens: list[Token], drafts: list[Draft], owner: list[int]) -> Draft | None:
    for token in tokens:
        if token.lemma_ not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"}:
            continue
        for child in token.children:
            if child.dep_ != "nsubj":
                continue
            number = owner[child.i]
            if number == -1:
                return None          # the speaker is someone the text does not tie to an actor
            draft = drafts[number]
            if draft.kind in SPEAKER_KINDS and draft.codes:
                return draft
            return None
        return None
    return None
