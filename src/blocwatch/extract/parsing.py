"""Parsing text with spaCy in bounded memory, overlapped with the rule code.

    parse_stream(nlp, texts, warm=None) -> iterator of Doc, one per text, in order

* A long text (more than CHUNK_CHARS) is parsed in pieces cut at line breaks and joined
  back with Doc.from_docs, so the document's Doc has the same text and character offsets
  but the parser never holds activations for the whole of it: peak memory stays bounded
  whatever the document's size. Shorter texts are parsed whole, exactly as before.
* The pipeline components run in one background thread, a batch ahead of the caller: the
  parser's and the entity recogniser's transition loops and the matrix products release
  the GIL, so the rules that read one batch run while the next one is parsed. Only the
  calling thread tokenises (the tokenizer and its caches are not thread-safe); the worker
  thread only annotates Docs it has been handed.
* The attribute ruler and the lemmatizer are replaced by equivalents that work once per
  distinct combination of the values they read (the attribute ruler's Matcher was a
  sixth of the parse time), and the same annotations.
"""

from __future__ import annotations

import os
import queue
import re
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

#: texts longer than this (in characters) are parsed in pieces of about PIECE_CHARS
CHUNK_CHARS = 20_000
PIECE_CHARS = 6_000
#: a batch handed to the components: at most this many pieces and characters
BATCH_PIECES = 16
BATCH_CHARS = 40_000
SWITCH_INTERVAL = 2e-5
LINE_BREAK = re.compile(r"\n\s*")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def parse_stream(nlp: Any, texts: Iterable[str], warm: Callable[[], object] | None = None,
                 threaded: bool | None = None, batch_size: int = BATCH_PIECES) -> Iterator[Doc]:
    """One parsed Doc per text, in order. ``warm`` runs once in this thread after the
    first batch has been handed over (loading the lexicon while the model parses)."""
    components = _components(nlp)
    if threaded is None:
        threaded = _spare_core()
    batches = _batches(nlp, texts, batch_size)
    assembler = _Assembler()
    if not threaded:
        for batch in batches:
            if warm is not None:
                warm()
                warm = None
            yield from assembler.add(batch, _annotate(components, [doc for _, _, doc in batch]))
        return
    worker = _Worker(components)
    inflight: deque[list[tuple[int, bool, Doc]]] = deque()
    # the worker leaves the GIL for short native sections (matrix products, the parser's
    # loop) and must wait a whole switch interval (5 ms) to get it back from the rules:
    # a shorter interval lets the two threads actually overlap
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        for batch in batches:
            worker.submit([doc for _, _, doc in batch])
            inflight.append(batch)
            if warm is not None:
                warm()
                warm = None
            if len(inflight) >= 2:
                yield from assembler.add(inflight.popleft(), worker.result())
        while inflight:
            yield from assembler.add(inflight.popleft(), worker.result())
    finally:
        sys.setswitchinterval(interval)
        worker.stop()


def _spare_core() -> bool:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return cores > 1 and os.environ.get("BLOCWATCH_PARSE_THREAD", "1") != "0"


def _annotate(components: list[Any], docs: list[Doc]) -> list[Doc]:
    for component in components:
        docs = list(component.pipe(docs, batch_size=max(1, len(docs))))
    return docs


class _Worker:
    """One thread that runs the components over each batch it is given, in order."""

    def __init__(self, components: list[Any]) -> None:
        self.components = components
        self.inbox: queue.Queue[list[Doc] | None] = queue.Queue()
        self.outbox: queue.Queue[list[Doc] | BaseException] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="blocwatch-parse", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (docs := self.inbox.get()) is not None:
            try:
                self.outbox.put(_annotate(self.components, docs))
            except BaseException as exc:  # handed to the caller, which re-raises it
                self.outbox.put(exc)

    def submit(self, docs: list[Doc]) -> None:
        self.inbox.put(docs)

    def result(self) -> list[Doc]:
        got = self.outbox.get()
        if isinstance(got, BaseException):
            raise got
        return got

    def stop(self) -> None:
        self.inbox.put(None)
        self.thread.join()


def _batches(nlp: Any, texts: Iterable[str], size: int) -> Iterator[list[tuple[int, bool, Doc]]]:
    """Batches of (text number, last piece of that text?, tokenised piece)."""
    batch: list[tuple[int, bool, Doc]] = []
    chars = 0
    for number, text in enumerate(texts):
        pieces = split_text(text)
        for i, piece in enumerate(pieces):
            if batch and (len(batch) >= size or chars + len(piece) > BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            batch.append((number, i == len(pieces) - 1, mark_paragraphs(split_footnote_markers(nlp.make_doc(piece)))))
            chars += len(piece)
    if batch:
        yield batch


class _Assembler:
    """Joins the pieces of a long text back into one Doc."""

    def __init__(self) -> None:
        self.parts: list[Doc] = []

    def add(self, batch: list[tuple[int, bool, Doc]], docs: list[Doc]) -> Iterator[Doc]:
        for (_number, last, _), doc in zip(batch, docs, strict=True):
            self.parts.append(doc)
            if last:
                parts, self.parts = self.parts, []
                yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def split_text(text: str, limit: int = CHUNK_CHARS, piece: int = PIECE_CHARS) -> list[str]:
    """The text itself if short, else consecutive pieces of it (joined, they are the text)
    of about ``piece`` characters, cut after a line break (else after a sentence, else
    after any space) so that no sentence is split where the text has line breaks."""
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > piece * 1.5:
        cut = _cut(text, start + piece, min(len(text), start + 2 * piece))
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _cut(text: str, low: int, high: int) -> int:
    for pattern in (LINE_BREAK, SENTENCE_END, re.compile(r"\s+")):
        match = pattern.search(text, low, high)
        if match and match.end() < len(text):
            return match.end()
    return high


#: a footnote number glued to the end of a word, as PDF text gives it: "Ukraine.1", "Russia,5",
#: 'respond".12', "Moscow).4", "2020.6" (a year before the stop), '"3' (after a split-off stop)
FOOTNOTE_MARKER = re.compile(r"""^(?P<word>[A-Za-z][A-Za-z'-]*[a-z]|(?:19|20)\d\d)?(?P<close>["'\u201d\u2019)\]]*)"""
                             r"(?P<stop>[.,;:]?)(?P<close2>[\"'\u201d\u2019)\]]*)(?P<num>\d{1,2})$")
SENTENCE_STOPS = frozenset({".", "!", "?"})


def _footnote_parts(token: Token) -> list[str] | None:
    match = FOOTNOTE_MARKER.match(token.text)
    if match is None:
        return None
    word, close, stop, close2, _num = match.groups()
    if not (close or stop or close2):
        return None                      # "F16", "G7": no separator, no footnote
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    starts_next = nxt is None or nxt.is_space or nxt.text[:1].isupper()
    if word is None:                     # '"3' after a stop of its own
        if token.i == 0 or token.nbor(-1).text not in SENTENCE_STOPS or not starts_next:
            return None
    elif word[0].isdigit() and not (stop and starts_next):
        return None                      # "2020.6 The": a year; "1999,5" could be anything
    return [part for part in match.groups() if part]


def split_footnote_markers(doc: Doc) -> Doc:
    """"... invasion of Ukraine.1 President Erdogan ...": the tokenizer keeps "Ukraine.1" as
    one word, so the name is lost and the sentence runs on. Such a token is split into word,
    punctuation and number. After a sentence stop the number is a sentence of its own (no
    verb: never an event) and the next word starts a sentence; after a comma it stays put."""
    found = [(token, parts) for token in doc if (parts := _footnote_parts(token)) is not None]
    if not found:
        return doc
    with doc.retokenize() as retokenizer:
        for token, parts in found:
            retokenizer.split(token, parts, heads=[(token, k) for k in range(len(parts))])
    for token in doc:
        if not (token.like_num and token.i > 0 and _ends_a_footnote_split(token)):
            continue
        before = doc[token.i - 1]
        stops = before.text in SENTENCE_STOPS or (before.i > 0 and doc[before.i - 1].text in SENTENCE_STOPS
                                                 and not before.text.isalnum())
        if not stops:
            continue
        token.is_sent_start = True
        nxt = token.i + 1
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt < len(doc):
            doc[nxt].is_sent_start = True
    return doc


def _ends_a_footnote_split(token: Token) -> bool:
    """A number glued to the punctuation before it (no space between)."""
    before = token.doc[token.i - 1]
    return not before.whitespace_ and not before.is_alpha and len(token.text) <= 2


def mark_paragraphs(doc: Doc) -> Doc:
    """A token after a line break starts a sentence: the parser keeps boundaries set
    before it runs, so a paragraph break always ends a sentence."""
    newline = False
    for token in doc:
        if token.is_space:
            newline = newline or "\n" in token.text
            continue
        if newline and token.i > 0:
            token.is_sent_start = True
        newline = "\n" in token.whitespace_
    return doc


# ---------------------------------------------------------------- the attribute ruler

#: id(spaCy's component) -> (that component, kept alive so the id stays its own; its replacement)
_RULERS: dict[int, tuple[Any, Any]] = {}


def _components(nlp: Any) -> list[Any]:
    """The pipeline's components, the attribute ruler and the lemmatizer replaced by
    their equivalents below where they can be."""
    out = []
    for _name, component in nlp.pipeline:
        kind = type(component).__name__
        if kind in ("AttributeRuler", "Lemmatizer", "EnglishLemmatizer") and id(component) not in _RULERS:
            fast = FastAttributeRuler.wrap(component) if kind == "AttributeRuler" else FastLemmatizer.wrap(component)
            _RULERS[id(component)] = (component, fast or component)
        out.append(_RULERS[id(component)][1] if id(component) in _RULERS else component)
    return out


class FastLemmatizer:
    """spaCy's rule lemmatizer, whose result is a function of (orth, pos, morph) alone
    (its own cache is keyed so), applied once per distinct triple over whole arrays
    instead of token by token."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    @classmethod
    def wrap(cls, lemmatizer: Any) -> FastLemmatizer | None:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer
        from spacy.pipeline import Lemmatizer

        base_form = type(lemmatizer).is_base_form
        if getattr(lemmatizer, "mode", None) != "rule" or type(lemmatizer).__call__ is not Lemmatizer.__call__ \
                or base_form not in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form) \
                or type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize:
            return None
        return cls(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:   # the first call checks the tables and warns
            return lemmatizer(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            value = self.cache.get((orth, pos, morph))
            if value is None:
                value = self.cache[(orth, pos, morph)] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


class FastAttributeRuler:
    """The attribute ruler's effect without its Matcher: the patterns of the English
    pipelines test only TAG, LOWER, DEP and IS_SPACE, so which single-token patterns
    apply is a function of those four values and is worked out once per combination.
    Matches are applied as spaCy does: in pattern order, later ones overwriting."""

    def __init__(self, ruler: Any, patterns: list[tuple[int, list[list[_Test]]]]) -> None:
        self.ruler = ruler
        # every pattern token is a test numbered by its place in self.tests; tests are
        # indexed by a value they require, so that a new combination of values is tried
        # against a handful of them, not all
        self.tests: list[_Test] = []
        self.single: dict[int, int] = {}                                 # test -> pattern
        self.multi: list[tuple[int, list[int]]] = []                     # pattern, its tests
        self.anchored: dict[tuple[int, int], list[int]] = {}
        self.loose: list[int] = []
        for k, alternatives in patterns:
            for pattern in alternatives:
                numbers = []
                for test in pattern:
                    numbers.append(len(self.tests))
                    for anchor in test.anchors:
                        self.anchored.setdefault(anchor, []).append(len(self.tests))
                    if not test.anchors:
                        self.loose.append(len(self.tests))
                    self.tests.append(test)
                if len(numbers) == 1:
                    self.single[numbers[0]] = k
                else:
                    self.multi.append((k, numbers))
        #: row -> (patterns matched by the token alone, tests it passes)
        self.cache: dict[tuple[int, ...], tuple[tuple[int, ...], frozenset[int]]] = {}

    @classmethod
    def wrap(cls, ruler: Any) -> FastAttributeRuler | None:
        """The fast ruler, or None if a pattern uses anything it does not handle."""
        compiled = []
        for i, entry in enumerate(ruler.patterns):
            alternatives = []
            for pattern in entry["patterns"]:
                tokens = [_token_test(spec, ruler.vocab.strings) for spec in pattern]
                if not tokens or any(test is None for test in tokens):
                    return None
                alternatives.append([t for t in tokens if t is not None])
            if any(not -len(p) <= ruler.indices[i] < len(p) for p in alternatives):
                return None
            compiled.append((i, alternatives))
        return cls(ruler, compiled)

    def _passes(self, row: tuple[int, ...]) -> tuple[tuple[int, ...], frozenset[int]]:
        candidates = set(self.loose)
        for slot, value in enumerate(row):
            candidates.update(self.anchored.get((slot, value), ()))
        passed = frozenset(n for n in candidates if self.tests[n](row))
        return tuple(sorted({self.single[n] for n in passed if n in self.single})), passed

    def __call__(self, doc: Doc) -> Doc:
        found: dict[int, list[int]] = {}
        passed: list[frozenset[int]] = []
        for i, row in enumerate(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())):
            hit = self.cache.get(row)
            if hit is None:
                if len(self.cache) > 500_000:
                    self.cache.clear()
                hit = self.cache[row] = self._passes(row)
            if hit[0]:
                found[i] = list(hit[0])
            passed.append(hit[1])
        for k, numbers in self.multi:
            first, size = numbers[0], len(numbers)
            for start in range(len(passed) - size + 1):
                if first in passed[start] and all(n in passed[start + j] for j, n in enumerate(numbers)):
                    found.setdefault(start + self.ruler.indices[k] % size, []).append(k)
        for i, keys in found.items():
            token = doc[i]
            for k in sorted(set(keys)):
                set_token_attrs(token, self.ruler.attrs[k])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class _Test:
    """One pattern token as a test of a (tag, lower, dep, is_space) row of hashes;
    ``anchors`` are (slot, hash) pairs one of which the row must have (empty: any row)."""

    def __init__(self, tests: list[Callable[[tuple[int, ...]], bool]], anchors: tuple[tuple[int, int], ...]) -> None:
        self.tests = tests
        self.anchors = anchors

    def __call__(self, row: tuple[int, ...]) -> bool:
        return all(test(row) for test in self.tests)


def _token_test(spec: dict[str, Any], strings: Any) -> _Test | None:
    """The test for one pattern token, or None if it uses something unsupported."""
    tests: list[Callable[[tuple[int, ...]], bool]] = []
    anchors: tuple[tuple[int, int], ...] = ()
    for key, value in spec.items():
        if key not in _KEYS:
            return None
        slot = _KEYS[key]
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append(_member(slot, frozenset({int(value)}), True))
        elif isinstance(value, str):
            tests.append(_member(slot, frozenset({strings.add(value)}), True))
            anchors = anchors or ((slot, strings.add(value)),)
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            (op, items), = value.items()
            hashes = frozenset(strings.add(v) for v in items if isinstance(v, str))
            if len(hashes) != len(set(items)):
                return None
            tests.append(_member(slot, hashes, op == "IN"))
            if op == "IN":
                anchors = anchors or tuple((slot, h) for h in hashes)
        elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
            tests.append(_search(slot, re.compile(value["REGEX"]), strings))
        else:
            return None
    return _Test(tests, anchors)


def _member(slot: int, values: frozenset[int], want: bool) -> Callable[[tuple[int, ...]], bool]:
    def test(row: tuple[int, ...]) -> bool:
        return (row[slot] in values) == want
    return test


def _search(slot: int, pattern: re.Pattern[str], strings: Any) -> Callable[[tuple[int, ...]], bool]:
    def test(row: tuple[int, ...]) -> bool:
        return bool(pattern.search(strings[row[slot]]))
    return test
