"""Document -> events: parse, find actor mentions, read triggers per sentence, date, code,
merge repeated mentions of one happening (extract/merging.py).

    extract_events(source, date=None) -> list[Event]      path, Document or raw text
    extract_document(document) -> list[Event]
    iter_events(documents, batch_size=16) -> (document, events) pairs, parsed with nlp.pipe
    iter_results(documents, batch_size=16) -> (document, events or BlocwatchError) pairs
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from blocwatch.errors import BlocwatchError, InputError
from blocwatch.extract import coding
from blocwatch.extract.dates import attachment as att
from blocwatch.extract.dates import expressions as datemod
from blocwatch.extract.dates.attachment import Dated, Source
from blocwatch.extract.dates.expressions import DateValue
from blocwatch.extract.merging import _TRIGGERS, _value_of, merge
from blocwatch.extract.model.candidates import RULES_FIRST, model_candidates
from blocwatch.extract.model.detector import Prediction, detector
from blocwatch.extract.parsing import parse_stream
from blocwatch.extract.rules import modality as modal
from blocwatch.extract.rules.events import (
    Candidate,
    MentionIndex,
    _mentions_for,
    choose_frame,
    lexicon,
    pairs,
    sentence_candidates,
)
from blocwatch.ingest.dateline import dateline_end
from blocwatch.records import Document, Event, Mention

#: events whose parties may be carried to an agentless "an agreement was signed"
DYAD_EVENTS = ("AGREE", "CONSULT", "COOPERATE", "AID")
VAGUE_PLURAL = re.compile(r"^(?:both|the two)\s+(?:countries|sides|neighbours|neighbors|nations|capitals|governments|rivals"
                          r"|armies|forces|air forces|navies|militaries|leaders|ministers)$", re.I)
#: "both sides" means the main pair only when it has at least 1/N of the two-party events
DOMINANT_SHARE = 2
#: "WARSAW, 14 March 2024 -" at the start of a report
DATELINE = re.compile(r"^[A-Z][A-Z .'/-]+(?:\([^)]*\))?,\s*[^.\n]{0,40}?[-–—]\s")
#: prepositions that date an event by another one ("agreed during the Lavrov visit")
ANCHOR_PREPS = ("during", "after", "at", "following", "on")


def extract_events(source: Any, date: str | None = None) -> list[Event]:
    """Events of one document given as a path, a Document or a string of text."""
    return extract_document(_as_document(source, date))


def _as_document(source: Any, date: str | None) -> Document:
    from blocwatch import ingest

    if isinstance(source, Document):
        if date and date != source.pub_date:
            return Document(source.path, source.text, source.title, date, "option", source.format,
                            source.paragraphs)
        return source
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        return ingest.read_document(source, date=date)
    if isinstance(source, str) and _names_a_file(source):
        raise InputError(source, "no such file")   # "report.pdf" mistyped is not a text to read
    return ingest.document_from_text(str(source), "<text>", date)


_DOCUMENT_SUFFIX = re.compile(r"\.(txt|md|markdown|html?|pdf)$", re.IGNORECASE)


def _names_a_file(text: str) -> bool:
    """One line ending in a document suffix, without spaces or with a folder in it."""
    one_line = text.strip()
    return ("\n" not in one_line and len(one_line) < 4096 and bool(_DOCUMENT_SUFFIX.search(one_line))
            and (" " not in one_line or "/" in one_line or "\\" in one_line))


def _looks_like_path(text: str) -> bool:
    if text == "-":
        return True
    try:
        return "\n" not in text and len(text) < 4096 and Path(text).exists()
    except OSError:   # a one-line text longer than a file name may be
        return False


def extract_document(document: Document, sdoc: Doc | None = None) -> list[Event]:
    from blocwatch.extract.nlp import load_pipeline

    if sdoc is None:
        sdoc = next(parse_stream(load_pipeline(), [document.text], threaded=False))
    mentions = _find_mentions(sdoc, document)
    return DocumentExtractor(document, sdoc, mentions).run()


def iter_events(documents: Iterable[Document], batch_size: int = 16) -> Iterator[tuple[Document, list[Event]]]:
    """Extract many documents, parsing them in batches (nlp.pipe)."""
    for document, result in iter_results(documents, batch_size):
        if isinstance(result, BlocwatchError):
            raise result
        yield document, result


def iter_results(documents: Iterable[Document], batch_size: int = 16
                 ) -> Iterator[tuple[Document, list[Event] | BlocwatchError]]:
    """(document, its events or the error that stopped them), in order: spaCy parses the
    next batch in a background thread while the rules read this one (extract/parsing.py)."""
    from blocwatch.extract.nlp import load_pipeline

    waiting: deque[Document] = deque()

    def texts() -> Iterator[str]:
        for document in documents:
            waiting.append(document)
            yield document.text

    for sdoc in parse_stream(load_pipeline(), texts(), warm=_warm_rules, batch_size=batch_size):
        document = waiting.popleft()
        try:
            yield document, DocumentExtractor(document, sdoc, _find_mentions(sdoc, document)).run()
        except BlocwatchError as exc:
            yield document, exc


def _warm_rules() -> None:
    """Load the rules' data (the lexicon takes about a second) while the first batch parses."""
    from blocwatch.extract.actors.lexicon import default_lexicon

    default_lexicon(), lexicon()


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding whitespace tokens."""
    tokens = [tok for tok in sent if not tok.is_space]
    if not tokens:
        return sent.start_char, sent.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _find_mentions(sdoc: Doc, document: Document) -> list[Mention]:
    from blocwatch.extract.actors import find_mentions

    found: list[Mention] = find_mentions(sdoc, document)
    return found


@dataclass(slots=True)
class DocumentExtractor:
    document: Document
    sdoc: Doc
    mentions: list[Mention]
    events: list[Event] = field(default_factory=list)
    last_date: DateValue | None = None
    sentence_dates: dict[int, DateValue] = field(default_factory=dict)   # sentence start -> its last date
    noun_dates: dict[str, DateValue] = field(default_factory=dict)       # "the clash" -> when the text put it
    paragraph_of: dict[int, int] = field(default_factory=dict)   # id(event) -> paragraph
    dateline_end: int = 0                                         # offset after "MOSCOW, 10 July 2024 -"
    with_organisation: set[int] = field(default_factory=set)     # id(event) of events with an organisation
    #: one-sided mentions ("Russia's invasion") kept only as antecedents of later reactions
    antecedents: list[Event] = field(default_factory=list)
    #: _main_dyad's running count over self.events[:dyads_seen]
    dyads_seen: int = 0
    dyad_counts: dict[frozenset[str], tuple[int, int]] = field(default_factory=dict)
    dyad_names: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    #: the learned detector's events by sentence start (extract/model)
    predictions: dict[int, list[Prediction]] = field(default_factory=dict)
    #: the rules' candidates by the sentence's first token, read before the model is asked
    rule_candidates: dict[int, list[Candidate]] = field(default_factory=dict)

    def run(self) -> list[Event]:
        index = MentionIndex(self.sdoc, self.mentions)
        # the rules' candidates of every sentence first (they depend on the sentence and the
        # mentions alone): the model is asked only about sentences where they found nothing
        self.rule_candidates = {sent.start: sentence_candidates(sent, index)
                                for sent in self.sdoc.sents if not _is_heading(sent)}
        self.predictions = _model_predictions(self.sdoc, self.document, self.mentions,
                                              {start for start, found in self.rule_candidates.items()
                                               if found and RULES_FIRST})
        self.dateline_end = _dateline_end(self.document)
        pub = datemod.parse_iso(self.document.pub_date)
        para_starts = [start for start, _ in self.document.paragraphs] or [0]
        carry: tuple[int, DateValue] | None = None
        for sent in self.sdoc.sents:
            paragraph = bisect.bisect_right(para_starts, sent.start_char) - 1
            dated = self._dates(sent, pub)
            if carry is not None and (carry[0] != paragraph or any(d.value for d in dated)):
                carry = None
            if not _is_heading(sent):   # the carry is an earlier sentence's: this one's dates obey clause bounds
                self._sentence(sent, index, dated, paragraph, carry)
            leading = next((d for d in dated if d.value and d.expr.start < 4
                            and d.value.precision != "day" and d.expr.kind == "absolute"), None)
            if leading is not None and leading.value is not None and not att.moves_on(leading, dated):
                carry = (paragraph, leading.value)
            # the date the next "the next day" counts from: not an offset linking two clauses,
            # nor background in a relative clause ("a summit that began in 2020") when the
            # sentence has a date of its own
            story = [item for item in dated if item.value is not None and att.linked_clause(item) is None]
            story = [item for item in story if not att.background(item)] or story
            if story and story[-1].value is not None:
                self.last_date = self.sentence_dates[sentence_bounds(sent)[0]] = story[-1].value
        try:
            return merge(self.events, self.paragraph_of)
        finally:
            for event in self.events:
                _TRIGGERS.pop(id(event), None)

    # -- dates of one sentence
    def _dates(self, sent: Span, pub: dt.date | None) -> list[Dated]:
        out = []
        anchor = self.last_date
        for expr in datemod.find_date_expressions(sent.text):
            if sent.start_char + expr.end <= self.dateline_end:
                continue   # the report's own date, not an event's
            span = self.sdoc.char_span(sent.start_char + expr.start, sent.start_char + expr.end,
                                       alignment_mode="expand")
            base = anchor
            if expr.kind == "anchor":
                named, named_date = att.named_anchor(span, sent, self.events, self.sentence_dates, self.noun_dates)
                if named:
                    base = named_date
                elif att.object_noun(span) is not None:
                    base = self.last_date   # "on Monday, two weeks after the clash": not Monday's
            value = datemod.resolve(expr, pub, base)
            when = None
            if expr.kind == "since":
                when = datemod.resolve(dataclasses.replace(expr, kind="absolute"), pub, anchor)
            out.append(Dated(expr, value, span.root if span is not None else None, span, when))
            if value is not None:
                anchor = value
        return out

    def _sentence(self, sent: Span, index: MentionIndex, dated: list[Dated], paragraph: int,
                  carry: tuple[int, DateValue] | None) -> None:
        candidates = self.rule_candidates.pop(sent.start, None)
        if candidates is None:
            candidates = sentence_candidates(sent, index)
        candidates += model_candidates(sent, self.predictions.get(sentence_bounds(sent)[0], []), candidates)
        if not candidates:
            return
        # a bare event noun ("rounds of talks ... in 2021") does not keep a date from its verb
        triggers = {cand.trigger.i for cand in candidates if cand.actors or cand.frame.pos == "verb"}
        owners = {id(item): att.owner(item.root, triggers) for item in dated}
        dates_of: dict[int, Source | None] = {}
        for cand in sorted(candidates, key=lambda c: att.depth(c.trigger)):
            dates_of[cand.trigger.i] = self._date_for(cand, dated, owners, dates_of, index, carry)
        for item in dated:   # "on Monday, two weeks after the clash": when the clash was
            noun = att.object_noun(item.span)
            found = att.clause_date(item, dates_of) if noun is not None else None
            value = att.object_date(item, found.value) if found is not None else None
            if noun is not None and value is not None:
                self.noun_dates[noun.lemma_.lower()] = value
        for cand in candidates:
            found = dates_of.get(cand.trigger.i)
            self._emit(cand, sent, found.value if found is not None else None, paragraph)

    def _date_for(self, cand: Candidate, dated: list[Dated], owners: dict[int, int | None],
                  dates_of: dict[int, Source | None], index: MentionIndex,
                  carry: tuple[int, DateValue] | None) -> Source | None:
        trigger = cand.trigger
        tokens = att.date_tokens_of(dated)
        for item in dated:   # "a week before he travels": the main clause's date moved
            verb = att.linked_clause(item)
            if verb is not None and att.in_clause(trigger, verb):
                main = att.main_date(verb, dated, owners, dates_of)
                value = att.linked_date(item, main.value) if main is not None else None
                if value is not None:
                    return Source(value, trigger, trigger.i)
        owned = [item for item in dated if owners[id(item)] == trigger.i]
        own = att.best_source(owned)
        if own is not None:
            return own
        if owned and not any(att.linked_clause(item) for item in owned):
            return None   # "will meet again next month", "since 2022": its own time, unresolved
        if att.perfect_negation(trigger):
            return None   # "has not joined the sanctions": a state up to now, not a dated act
        inherited = att.ancestor_date(trigger, dates_of, dated, owners, tokens)
        if inherited is not None:
            return inherited
        when = att.when_clause_date(trigger, dated)
        if when is not None:
            return Source(when, trigger, trigger.i)
        clause = att.when_child_date(trigger, dated)
        if clause is not None:
            return Source(clause.value, trigger, trigger.i)
        # "agreed to hold a summit in 2025": a date inside a planned complement is the plan's
        future = lexicon()[2]["future"] | lexicon()[2].get("defer", frozenset())
        subtree = {tok.i for tok in trigger.subtree} if cand.frame.lemma in future else set()
        loose = att.best_source([item for item in dated if owners[id(item)] is None
                                 and item.root is not None and item.root.i not in subtree
                                 and not att.crosses_item(item, trigger, tokens)])
        if loose is not None:
            return loose
        anchored = self._anchor_event_date(trigger, index)
        if anchored is not None:
            return Source(anchored, trigger, trigger.i)
        return Source(carry[1], trigger, trigger.i) if carry is not None else None

    def _anchor_event_date(self, trigger: Token, index: MentionIndex) -> DateValue | None:
        """'agreed during the Lavrov visit': the date of the visit already extracted."""
        for child in trigger.children:
            if child.dep_ != "prep" or child.lower_ not in ANCHOR_PREPS:
                continue
            for noun in child.children:
                frame = choose_frame(noun, index) if noun.dep_ == "pobj" else None
                if frame is None:
                    continue
                codes = {code for m in _mentions_for(frame.actor, noun, index, actor=True) for code in m.codes}
                for event in reversed(self.events):
                    if event.event == frame.event and event.actor in codes and event.date:
                        return _value_of(event)
        return None

    # -- events
    def _emit(self, cand: Candidate, sent: Span, date: DateValue | None, paragraph: int) -> None:
        self._prefer_main_dyad(cand, sent)
        found = pairs(cand)
        if not found and not cand.recipients and not cand.symmetric and len(cand.actors) == 1 \
                and VAGUE_PLURAL.match(cand.actors[0].text) and len(cand.actors[0].codes) == 2:
            # "Both armies have deployed troops": each side towards the other
            mention = cand.actors[0]
            a, b = mention.codes
            found = [(a, mention, b, mention), (b, mention, a, mention)]
        if not found and cand.needs_context:
            self._emit_from_context(cand, sent, date, paragraph)
            return
        if not found and cand.actors and (cand.reference or cand.frame.context_recipient or cand.vague_recipient):
            found = self._pairs_from_earlier(cand, paragraph)
        if not found and cand.frame.pos == "noun" and cand.actors and not cand.recipients:
            for mention in cand.actors[:1]:
                self.antecedents.append(self._event(cand, sent, date, mention.codes[0], mention.text, mention.sector,
                                                    "", None, None, paragraph))
        for a_code, a_m, r_code, r_m in found:
            event = self._event(cand, sent, date, a_code, a_m.text, a_m.sector, r_code, r_m.text, r_m.sector,
                                paragraph)
            if "organisation" in (a_m.kind, r_m.kind):
                self.with_organisation.add(id(event))
            self.events.append(event)

    def _pairs_from_earlier(self, cand: Candidate, paragraph: int) -> list[tuple[str, Mention, str, Mention]]:
        """Recipients from an earlier event: the one a reaction names ("condemned the pact":
        the pact's parties; "denied the accusations": the accuser), or the last two-party
        event nearby for a recipient left implicit ("mediated the talks", "closed the border")."""
        actor_codes = {code for m in cand.actors for code in m.codes}
        earlier = self.events + self.antecedents if cand.reference else self.events
        for event in sorted(earlier, key=lambda e: e.start, reverse=True):
            if event.start > cand.trigger.idx or event.negated or event.modality == "hypothetical":
                continue
            if not (event.actor and (event.recipient or cand.reference)):
                continue
            parties: list[tuple[str | None, str | None, str | None]]
            if cand.reference:
                if event.event != cand.reference:
                    continue
                parties = [(event.actor, event.actor_name, event.actor_sector)]
                if coding.is_symmetric(event.event) and event.recipient:
                    parties.append((event.recipient, event.recipient_name, event.recipient_sector))
                if event.event == cand.frame.event:   # "joined the ban": the ban's target
                    parties = [(event.recipient, event.recipient_name, event.recipient_sector)]
            else:
                if paragraph - self.paragraph_of.get(id(event), paragraph) > 2:
                    return []
                parties = [(event.actor, event.actor_name, event.actor_sector),
                           (event.recipient, event.recipient_name, event.recipient_sector)]
                if cand.vague_recipient:   # "both countries": the pair the text is about
                    dyad = self._main_dyad(actor_codes)
                    if dyad:
                        parties = [(code, name, sector) for code, name, sector in dyad]
                third_party = cand.frame.mode == "third-party" or cand.vague_recipient
                if not third_party and not (actor_codes & {event.actor, event.recipient}):
                    continue   # an implicit partner only from an event the actor took part in
                if third_party and (actor_codes & {event.actor, event.recipient}
                                    or id(event) in self.with_organisation):
                    continue   # "urged both countries": two states other than the actor
            out = []
            for a_mention in cand.actors:
                for a_code in a_mention.codes:
                    for code, name, sector in parties:
                        if code and code != a_code:
                            out.append((a_code, a_mention, code, Mention(0, 0, name or code, (code,), sector, "context")))
            return out
        return []

    def _prefer_main_dyad(self, cand: Candidate, sent: Span) -> None:
        """'both countries' names the pair the report is about when that pair is clear (two
        events or more), rather than the nearest plural that happens to precede it - unless
        its own sentence named the pair before it ("In 2016 the United States named India a
        partner, and the two countries signed ...": coreference, not the report's main pair)."""
        for group in (cand.actors, cand.recipients):
            for i, mention in enumerate(group):
                if not VAGUE_PLURAL.match(mention.text) or self._named_before(mention, sent):
                    continue
                dyad = self._main_dyad(set(), minimum=2)
                if dyad and not self._dominant(dyad):
                    continue   # a commentary on many pairs: the description's own antecedents
                codes = tuple(code for code, _, _ in dyad)
                if codes and set(codes) != set(mention.codes):
                    group[i] = Mention(mention.start, mention.end, mention.text, codes, mention.sector, mention.kind)

    def _dominant(self, dyad: list[tuple[str, str | None, str | None]]) -> bool:
        """Is the main pair the subject of at least half of the two-party events so far?
        (A commentary moving from pair to pair has no pair "the report is about".)"""
        total = sum(count for count, _ in self.dyad_counts.values())
        best = self.dyad_counts.get(frozenset(code for code, _, _ in dyad), (0, 0))[0]
        return best * DOMINANT_SHARE >= total

    def _named_before(self, mention: Mention, sent: Span) -> bool:
        """Are all the codes of a pair description named earlier in its own sentence (not
        by a mere venue: "met Li Qiang in Jakarta, and the two sides agreed")?"""
        named = {code for m in self.mentions if sent.start_char <= m.start < mention.start
                 and (m.kind != "place" or self._visited(m)) and not VAGUE_PLURAL.match(m.text)
                 for code in m.codes}
        return len(set(mention.codes)) >= 2 and set(mention.codes) <= named

    def _visited(self, mention: Mention) -> bool:
        """A place that is the object of a verb ("Xi visited Belgrade"), not a venue ("in Jakarta")."""
        span = self.sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "dobj"

    def _main_dyad(self, exclude: set[str], minimum: int = 1) -> list[tuple[str, str | None, str | None]]:
        """The pair of states most events so far were between (the latest on a tie)."""
        if exclude:
            counts, names = self._count_dyads(0, exclude, {}, {})
        else:   # the usual call: each event is counted once, not again at every call
            counts, names = self._count_dyads(self.dyads_seen, exclude, self.dyad_counts, self.dyad_names)
            self.dyads_seen = len(self.events)
        if not counts:
            return []
        best = max(counts, key=lambda key: counts[key])
        if counts[best][0] < minimum:
            return []
        if minimum > 1 and sum(1 for key in counts if counts[key][0] == counts[best][0]) > 1:
            return []   # no clear main pair
        return [names[code] for code in sorted(best)]

    def _count_dyads(self, start: int, exclude: set[str], counts: dict[frozenset[str], tuple[int, int]],
                     names: dict[str, tuple[str, str | None, str | None]]
                     ) -> tuple[dict[frozenset[str], tuple[int, int]], dict[str, tuple[str, str | None, str | None]]]:
        """Add events from ``start`` on to (count and last position by pair, names by code)."""
        for position in range(start, len(self.events)):
            event = self.events[position]
            if not (event.actor and event.recipient) or id(event) in self.with_organisation \
                    or event.mode == "third-party":
                continue
            if {event.actor, event.recipient} & exclude:
                continue
            key = frozenset((event.actor, event.recipient))
            counts[key] = (counts.get(key, (0, 0))[0] + 1, position)
            names[event.actor] = (str(event.actor), event.actor_name, event.actor_sector)
            names[event.recipient] = (str(event.recipient), event.recipient_name, event.recipient_sector)
        return counts, names

    def _emit_from_context(self, cand: Candidate, sent: Span, date: DateValue | None, paragraph: int) -> None:
        """An agentless symmetric event ("an agreement was signed", "both countries agreed")
        takes the parties of the paragraph's last two-party cooperative event."""
        window = 0 if not _plural_vague_subject(cand) else 2
        for event in reversed(self.events):
            event_paragraph = self.paragraph_of.get(id(event), paragraph)
            if paragraph - event_paragraph > window:
                break
            if event.event in DYAD_EVENTS and event.actor and event.recipient and not event.negated:
                made = self._event(cand, sent, date, event.actor, event.actor_name, event.actor_sector,
                                   event.recipient, event.recipient_name, event.recipient_sector, paragraph)
                made.confidence = 0.5
                self.events.append(made)
                return

    def _event(self, cand: Candidate, sent: Span, date: DateValue | None, actor: str, actor_name: str | None,
               actor_sector: str | None, recipient: str, recipient_name: str | None,
               recipient_sector: str | None, paragraph: int) -> Event:
        frame = cand.frame
        mode = frame.mode or cand.object_mode
        # An offer or a pledge is an intent however it is told: CAMEO 03x, not 057 (a signed deal).
        intent = frame.lemma in modal.triggers_data()["modality"]["intent_verbs"] and frame.event == "AGREE"
        code = coding.code_event(frame.event, mode, frame.context, cand.modality == "future" or intent)
        start, end = sentence_bounds(sent)
        text = self.document.text[start:end]
        event = Event(
            doc=self.document.path, actor=actor, recipient=recipient, event=frame.event,
            text=text, start=start, end=end,
            actor_name=actor_name, recipient_name=recipient_name,
            actor_sector=actor_sector, recipient_sector=recipient_sector,
            mode=coding.plover_mode(frame.event, mode), context=list(frame.context),
            cameo=code.cameo if code else None, quad=code.quad if code else None,
            goldstein=code.goldstein if code else None,
            date=date.iso() if date else None, date_precision=date.precision if date else None,
            negated=cand.negated, modality=cand.modality,  # type: ignore[arg-type]
            confidence=round(cand.confidence, 2),
            evidence=[(start, end, text)],
        )
        self.paragraph_of[id(event)] = paragraph
        _TRIGGERS[id(event)] = frame.lemma
        return event


def _model_predictions(sdoc: Doc, document: Document, mentions: list[Mention],
                       skip: set[int]) -> dict[int, list[Prediction]]:
    """The learned detector's events in the sentences the rules read, but those starting at a
    token in ``skip`` (none when the model is off)."""
    found = detector()
    if found is None:
        return {}
    spans = [sentence_bounds(sent) for sent in sdoc.sents if not _is_heading(sent) and sent.start not in skip]
    by_sentence: dict[int, list[Prediction]] = {}
    for prediction in found.predict(sdoc, spans, document.text, mentions):
        by_sentence.setdefault(prediction.sentence[0], []).append(prediction)
    return by_sentence


def _dateline_end(document: Document) -> int:
    """End offset of a dateline at the start of one of the first paragraphs, else 0."""
    for start, end in (document.paragraphs or ((0, len(document.text)),))[:4]:
        paragraph = document.text[start:end]
        dated = dateline_end(paragraph)
        if dated is not None:
            return start + dated
        match = DATELINE.match(paragraph)   # also "MOSCOW, July 10 (Reuters) -", without a year
        if match:
            return start + match.end()
    return 0


def _is_heading(sent: Span) -> bool:
    """Titles, section headings and bylines: no finite verb or no closing punctuation."""
    text = sent.text.strip()
    if text.lower().startswith("by ") and len(sent) < 8:
        return True
    has_verb = any(tok.pos_ in ("VERB", "AUX") for tok in sent)
    closes = text[-1:] in ".!\"'”’)"
    # a title: no closing punctuation and a paragraph of its own
    alone = (sent.start == 0 or "\n" in sent.doc[sent.start - 1].text_with_ws) and \
        (sent.end >= len(sent.doc) or "\n" in sent.doc[sent.end - 1].text_with_ws or sent.doc[sent.end - 1].is_space)
    return not has_verb or (not closes and (len(sent) < 15 or alone))


def _plural_vague_subject(cand: Candidate) -> bool:
    return any(child.dep_ == "nsubj" and child.lemma_.lower() in ("country", "side", "nation", "party")
               for child in cand.trigger.children)
