"""Which date expression of a sentence dates which event (the trigger it belongs to, what an
event may inherit from the clause above it, and what it never inherits).

An event takes, in order: a date expression of its own clause; the date of the nearest
dated clause above it; a "when" clause's date ("in 2023, when Pakistan began ..."); a date
left loose in the sentence; the date of an event its preposition names ("agreed during the
visit"); a year or month opening the previous sentence of the paragraph. A date never
reaches an event across these clause boundaries (``crosses``):

* a relative clause ("Russia, which supplies weapons to both countries, hosted talks on
  Monday": the supplying is not dated Monday, and a date inside the relative clause does not
  date the talks) - except a "when" clause hanging on the date itself ("in May 2022, when
  Sweden applied"), a where/when clause ("appeared in Beijing, where he met Xi") and a
  present-tense clause telling what a document says ("adopted a resolution that deplores
  ..."); a participle clause likewise keeps its date to itself ("declined, a request made by
  Germany in January"), though one on an event noun tells who held it ("after talks
  mediated by Qatar");
* a temporal clause or phrase introduced by before/after/following (a day date: "met on
  Wednesday, before he travels to Washington" - the travel is another day; a month or year
  still holds, as the gold codes "cut gas in April 2022 after Sofia refused to pay"), or by
  until/till/once/since (no date at all: a limit or a condition, not a time), or by a
  distance that is not counted ("a few weeks after Tokayev offered"); a concessive clause
  (though, although, whereas) likewise. A "when"/"as" clause shares its main clause's time
  and is no boundary ("When the General Assembly voted on 2 March, India abstained");
* a coordinated clause with its own subject ("X met Y on Monday, and Z announced ..."),
  unless the date opens the sentence before the first clause's subject and so scopes over
  both ("In January 2022 Tokayev asked for help, and the alliance sent troops"), or the
  subject points back at the first clause's parties ("X met Y last week, and the two sides
  agreed ...", "... and they agreed"). A date inside a later clause never dates an earlier
  one ("Russia and Iran signed a memorandum, and in 2021 Moscow bought ..."), and a
  coordinated future ("..., and the two sides will meet again") takes none.

An event whose own clause has a date expression that resolves to nothing ("will meet again
next month", "has supplied tanks since 2022", "two days later" after a month) keeps a null
date rather than borrowing another.

An offset that links two clauses ("a week before he travels", "12 days after a bombing
killed ...") dates the subordinate clause from the main clause's date and is never the main
clause's own date."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from blocwatch.extract.dates import expressions as datemod
from blocwatch.extract.dates.expressions import DateValue
from blocwatch.extract.merging import _TRIGGERS, _value_of
from blocwatch.extract.rules.references import reference_nouns, reference_verbs
from blocwatch.records import Event

#: prepositions and subordinators whose clause or object lies at another time than the clause
#: it modifies; "day": only a day date stays behind, "all": no date crosses
TEMPORAL_LINKS = {"before": "day", "after": "day", "following": "day", "until": "all", "till": "all",
                  "once": "all", "since": "all",
                  # concessive clauses tell another happening, not a time ("rejected it, though he said on Friday ...")
                  "though": "all", "although": "all", "whereas": "all"}
UNITS = ("hour", "day", "week", "month", "year")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")
FUTURE_AUX = ("will", "shall", "'ll")
VERBAL = ("VERB", "AUX")


@dataclass(slots=True)
class Dated:
    """A date expression found in a sentence and what it resolved to."""

    expr: datemod.DateExpression
    value: DateValue | None
    root: Token | None
    span: Span | None = None
    #: the date a "when" clause hanging on a limit takes ("since 2023, when Pakistan began ...")
    when_value: DateValue | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """An event's date and where it came from (the token it attaches to, the first token of
    the expression), so that a clause inheriting it can check the boundaries in between."""

    value: DateValue
    token: Token
    first: int

    @staticmethod
    def of(item: Dated) -> Source | None:
        if item.value is None:
            return None
        token = item.root
        if token is None:
            return None
        first = item.span.start if item.span is not None else token.i
        return Source(item.value, token, first)


# -- clause boundaries

def _temporal_link(node: Token) -> str | None:
    """How strongly the word introducing ``node``'s clause or phrase sets it at another time:
    'day', 'all' (TEMPORAL_LINKS), or None."""
    for child in node.children:
        if child.dep_ == "mark" and child.lower_ in TEMPORAL_LINKS:
            if any(c.dep_ == "npadvmod" and c.lemma_.lower() in UNITS for c in node.children):
                return "all"   # "a few weeks after Tokayev offered": a distance, so no shared date
            return TEMPORAL_LINKS[child.lower_]
    if node.dep_ == "pcomp" and node.head.lower_ in TEMPORAL_LINKS:
        return TEMPORAL_LINKS[node.head.lower_]   # "after meeting Xi on Monday": a clause too
    if node.dep_ == "pobj" and TEMPORAL_LINKS.get(node.head.lower_) == "all":
        return "all"   # "since the invasion"; but "agreed on Sunday after talks in Doha": the same day
    return None


def _is_date_clause(node: Token, date_tokens: set[int]) -> bool:
    """'in May 2022, when Stockholm applied': a clause hanging on a date is that date's own."""
    return node.head.i in date_tokens


def _content_clause(node: Token) -> bool:
    """'adopted a resolution that deplores ... and demands ...': a present-tense relative
    clause on an object tells what that object says, at the time it was made; 'appeared in
    Beijing, where he met Xi': a where/when clause tells what happened there and then."""
    if any(child.dep_ == "advmod" and child.lower_ in ("where", "when") for child in node.children):
        return True
    return node.tag_ in ("VBZ", "VBP") and node.head.dep_ not in (*SUBJECT_DEPS, "appos")


def _infinitival(node: Token) -> bool:
    """'became the first Saudi monarch to visit Russia': an infinitive relative clause tells
    what the main clause's subject did then, not a time of its own."""
    return node.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)


def _boundary(node: Token, date_tokens: set[int]) -> str | None:
    """What separates ``node``'s clause from its head: 'relative', 'coordinate', or the
    strength of a temporal link ('day', 'all'); None when a date passes freely."""
    link = _temporal_link(node)
    if link is not None:
        return link
    if node.dep_ == "relcl" and not _is_date_clause(node, date_tokens) and not _content_clause(node) \
            and not _infinitival(node):
        return "relative"
    if node.dep_ == "acl" and node.tag_ == "VBN" and not _is_date_clause(node, date_tokens):
        return "participle"   # "a request made by Germany in January": a reduced relative clause
    if node.dep_ == "conj" and node.pos_ in VERBAL and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX
                                                           for c in node.children):
        return "all"   # "agreed on Monday ..., and the two sides will meet again": a later time
    if node.dep_ == "conj" and node.pos_ in VERBAL and any(c.dep_ in SUBJECT_DEPS for c in node.children):
        return "coordinate"
    return None


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head is not chain[-1] and len(chain) < 60:
        chain.append(chain[-1].head)
    return chain


def crosses(source: Source, trigger: Token, date_tokens: set[int] | None = None) -> bool:
    """Does the date ``source`` have to cross a clause boundary to reach ``trigger``?"""
    date_tokens = date_tokens or set()
    up_from_trigger = _ancestors(trigger)
    up_from_date = _ancestors(source.token)
    above_date = {tok.i for tok in up_from_date}
    common = next((tok for tok in up_from_trigger if tok.i in above_date), None)
    if common is None:
        return True   # another sentence's tree: never
    for chain in (up_from_trigger, up_from_date):
        for node in chain:
            if node.i == common.i:
                break
            kind = _boundary(node, date_tokens)
            if kind is None:
                continue
            if kind in ("relative", "participle") and chain is up_from_date and node.head.i == common.i:
                continue   # "the summit held in Beijing on Monday": the noun's own description
            if kind == "participle" and chain is up_from_trigger and _event_noun(node.head):
                continue   # "agreed on Sunday after talks mediated by Qatar": who held those talks
            if kind == "day" and source.value.precision != "day":
                continue
            if kind == "coordinate" and chain is up_from_trigger and (_fronted(source, node.head) or _tied(node)):
                continue
            return True
    return False


def _tied(verb: Token) -> bool:
    """'met Li Qiang last week, and the two sides agreed ...': a coordinated clause whose
    subject points back at the first clause's parties (a pronoun, "the two sides", "both")
    tells the same occasion."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return False
    if subject.pos_ == "PRON":
        return True
    return any(child.lower_ in ("both", "two", "three", "each", "either") for child in subject.children
               if child.dep_ in ("det", "nummod", "predet"))


def _event_noun(token: Token) -> bool:
    words = (token.lower_, token.lemma_.lower())
    return any(w in reference_nouns() or w in reference_verbs() for w in words)


def _fronted(source: Source, verb: Token) -> bool:
    """The date opens the clause before its subject ("In 2016 the United States named ...")
    and so scopes over the clauses coordinated with it."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and source.first < subject.left_edge.i and source.token.i < subject.left_edge.i


# -- owners and inheritance

def owner(root: Token | None, triggers: set[int]) -> int | None:
    """The trigger a date expression belongs to: its nearest trigger ancestor, unless the
    expression dates another clause first ("... since the Taliban returned in 2021")."""
    if root is None:
        return None
    node, noun = root, None
    for _hop in range(12):
        if node is not root:
            if node.i in triggers and node.pos_ in VERBAL:
                return node.i
            if node.i in triggers and noun is None:
                noun = node.i   # an event noun inside the verb's phrase: the verb's date first
            if node.pos_ in VERBAL:
                return noun
        if node.head is node:
            return noun
        node = node.head
    return noun


def attachment(item: Dated) -> int | None:
    """The verb a date expression modifies."""
    node = item.root
    for _hop in range(6):
        if node is None or node.head is node:
            return None
        node = node.head
        if node.pos_ in VERBAL:
            return node.i
    return None


def when_clause_date(trigger: Token, dated: list[Dated]) -> DateValue | None:
    """A clause hanging on a date ("in 2023, when Pakistan began expelling ...")."""
    node = trigger
    for _hop in range(3):
        if node.dep_ in ("relcl", "advcl", "acl"):
            for item in dated:
                value = item.value or item.when_value
                if item.span is not None and value is not None and node.head.i in range(item.span.start, item.span.end):
                    return value
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            return None
        node = node.head
    return None


def when_child_date(trigger: Token, dated: list[Dated]) -> Source | None:
    """'When Xi visited Belgrade on 8 May 2024, the two leaders signed ...': a "when" clause
    under the trigger tells the same occasion, and its date is the main clause's too."""
    for child in trigger.children:
        if child.dep_ != "advcl" or not any(c.dep_ == "advmod" and c.lower_ == "when" for c in child.children):
            continue
        inside = {tok.i for tok in child.subtree}
        found = best_source([item for item in dated if item.root is not None and item.root.i in inside])
        if found is not None:
            return found
    return None


def ancestor_date(token: Token, dates_of: dict[int, Source | None], dated: list[Dated],
                  owners: dict[int, int | None], date_tokens: set[int]) -> Source | None:
    """The date of the nearest dated ancestor - a trigger already dated, or a governing verb
    with a date of its own ("in February 2024 Pashinyan announced that Armenia had frozen
    ...") - unless it has to cross a clause boundary to get here (then none)."""
    node = token
    for _hop in range(12):
        if node.head is node:
            return None
        node = node.head
        found = dates_of.get(node.i)
        if found is None and node.pos_ in VERBAL:
            here = [item for item in dated if owners[id(item)] is None and attachment(item) == node.i]
            found = best_source(here)
        if found is not None:
            return None if crosses(found, token, date_tokens) else found
    return None


def background(item: Dated) -> bool:
    """Is the date expression inside a relative or participle clause (background to the
    sentence's story: "met on Tuesday at a summit that began in 2020")?"""
    if item.root is None:
        return False
    return any(_boundary(node, set()) in ("relative", "participle") for node in _ancestors(item.root))


def perfect_negation(trigger: Token) -> bool:
    """'has not joined', 'have not recognised': a negated present perfect states how things
    stand, and takes no date but its own."""
    children = list(trigger.children)
    return any(c.dep_ == "neg" for c in children) and \
        any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in children)


def moves_on(leading: Dated, dated: list[Dated]) -> bool:
    """Does a later date in the sentence move the story past the one opening it ("In December
    2023 he blocked the package, and he lifted his veto in February 2024")? Then the opening
    date is not carried to the next sentence."""
    assert leading.value is not None
    return any(item.value is not None and item.expr.start > leading.expr.start
               and item.value.day > leading.value.day for item in dated)


def depth(token: Token) -> int:
    return len(_ancestors(token)) - 1


def best_source(items: list[Dated]) -> Source | None:
    """The most reliable resolved expression: absolute before publication-relative before
    event-relative; offsets linking two clauses are no clause's own date."""
    order = {"absolute": 0, "pub": 1, "anchor": 2, "since": 3}
    usable = sorted((item for item in items if item.value is not None and linked_clause(item) is None),
                    key=lambda item: order[item.expr.kind])
    for item in usable:
        source = Source.of(item)
        if source is not None:
            return source
    return None


def linked_clause(item: Dated) -> Token | None:
    """'a week before he travels', 'one day after Russian forces invaded Ukraine': the verb of
    the clause an offset dates relative to the clause it modifies."""
    if item.expr.pattern != "offset" or (item.expr.groups.get("dir") or "").lower() not in ("after", "before"):
        return None
    if item.span is None or item.root is None:
        return None
    last = item.span[-1]
    if last.lower_ in ("after", "before") and last.dep_ == "mark":
        return last.head
    for child in item.root.head.children:   # "one day after ... invaded": the verb has the mark
        if child.dep_ == "mark" and child.lower_ in ("after", "before"):
            return item.root.head
    return None


def in_clause(trigger: Token, verb: Token) -> bool:
    """Is ``trigger`` the verb or inside its clause (not behind a further boundary below it)?"""
    node = trigger
    for _hop in range(12):
        if node.i == verb.i:
            return True
        if node.head is node or _boundary(node, set()) is not None:
            return False
        node = node.head
    return False


def linked_date(item: Dated, main: DateValue) -> DateValue | None:
    """The subordinate clause's date from the main clause's: 'M, a week before S' is S = M +
    a week; 'M, 12 days after S' is S = M - 12 days."""
    sign = -1 if (item.expr.groups.get("dir") or "").lower() == "after" else 1
    unit = (item.expr.groups.get("unit") or "day").lower()
    return datemod.shift_offset(main, unit, sign * datemod._number(item.expr.groups.get("num")))


def date_tokens_of(dated: list[Dated]) -> set[int]:
    return {i for item in dated if item.span is not None for i in range(item.span.start, item.span.end)}


def crosses_item(item: Dated, trigger: Token, date_tokens: set[int]) -> bool:
    source = Source.of(item)
    return source is None or crosses(source, trigger, date_tokens)


def main_date(verb: Token, dated: list[Dated], owners: dict[int, int | None],
              dates_of: dict[int, Source | None]) -> Source | None:
    """The date of the clause a linked clause (headed by ``verb``) hangs on: the nearest
    dated trigger above it, a date attached to a verb above it, else a date left loose
    outside the linked clause."""
    node = verb
    for _hop in range(12):
        if node.head is node:
            break
        node = node.head
        found = dates_of.get(node.i)
        if found is None and node.pos_ in VERBAL:
            found = best_source([item for item in dated if owners[id(item)] is None and attachment(item) == node.i])
        if found is not None:
            return found
    inside = {tok.i for tok in verb.subtree}
    return best_source([item for item in dated if owners[id(item)] is None
                        and item.root is not None and item.root.i not in inside])


# -- event-relative expressions anchored on a named event

#: nouns naming an earlier happening by the verbs that told it, beside triggers.json
#: "reference_verbs" ("two days after the vote": the approval or ratification it was)
ANCHOR_NOUNS: dict[str, frozenset[str]] = {
    "vote": frozenset({"vote", "approve", "ratify", "adopt", "pass", "reject", "veto"}),
}
DEFINITE = ("the", "this", "that", "these", "those")


def named_anchor(span: Span | None, sent: Span, events: list[Event], sentence_dates: dict[int, DateValue],
                 noun_dates: dict[str, DateValue]) -> tuple[bool, DateValue | None]:
    """(whether the text names the event an event-relative expression counts from, its date).

    'two days after the vote': the object of the expression's own preposition; 'Brazil
    condemned the raid, and Nicaragua cut ties the next day': a definite noun naming an
    earlier event in another clause of the sentence before the expression. The event is the
    latest one extracted before this sentence that the noun names; when it has no date of its
    own, the date its sentence gave last ("broke off relations on Friday after police stormed
    the embassy ... the day after the raid"). A noun that names no extracted event may have
    been dated by the text before ("banned the apps on Monday, two weeks after the clash ...
    a week after the clash": ``noun_dates``)."""
    if span is None:
        return False, None
    obj = object_noun(span)
    if obj is not None:
        nouns = [obj]
    else:
        verb = _verb_of(span.root)
        nouns = [tok for tok in sent if tok.i < span.start and tok.pos_ == "NOUN"
                 and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)
                 and _verb_of(tok) is not verb][::-1]
    for noun in nouns:
        event = named_event(noun, events, sent.start_char)
        if event is not None:
            return True, _value_of(event) or sentence_dates.get(event.start)
        remembered = noun_dates.get(noun.lemma_.lower())
        if remembered is not None:
            return True, remembered
    return False, None


def object_noun(span: Span | None) -> Token | None:
    """'two weeks after the clash': the noun the offset counts from."""
    if span is None:
        return None
    last = span[-1]
    if last.lower_ in ("after", "before") and last.dep_ == "prep":
        return next((child for child in last.children if child.dep_ == "pobj"), None)
    return None


def clause_date(item: Dated, dates_of: dict[int, Source | None]) -> Source | None:
    """The date of the nearest dated trigger above a date expression, from another
    expression and with no boundary in between."""
    if item.root is None:
        return None
    for node in _ancestors(item.root)[1:]:
        found = dates_of.get(node.i)
        if found is not None:
            return None if found.token is item.root or crosses(found, item.root) else found
    return None


def object_date(item: Dated, clause: DateValue) -> DateValue | None:
    """'banned the apps on Monday, two weeks after the clash': the clash is two weeks before
    the clause's date."""
    sign = 1 if (item.expr.groups.get("dir") or "").lower() == "after" else -1
    unit = (item.expr.groups.get("unit") or "day").lower()
    return datemod.shift_offset(clause, unit, -sign * datemod._number(item.expr.groups.get("num")))


def _verb_of(token: Token) -> Token | None:
    node = token
    for _hop in range(12):
        if node.head is node:
            return node if node.pos_ in VERBAL else None
        node = node.head
        if node.pos_ in VERBAL:
            return node
    return None


def named_event(noun: Token, events: list[Event], before: int) -> Event | None:
    """The latest event told before offset ``before`` that ``noun`` names ("the raid": the
    storming; "the sanctions": a SANCTION event), if the noun names an event at all."""
    words = (noun.lower_, noun.lemma_.lower())
    verbs = next((reference_verbs().get(w) or ANCHOR_NOUNS[w] for w in words
                  if w in reference_verbs() or w in ANCHOR_NOUNS), None)
    kind = next((reference_nouns()[w] for w in words if w in reference_nouns()), None)
    if verbs is None and kind is None:
        return None
    for event in reversed(events):
        if event.start >= before:
            continue
        if (verbs is not None and _TRIGGERS.get(id(event)) in verbs) or (kind is not None and event.event == kind):
            return event
    return None
