"""Uncased WordPiece tokenisation with character offsets, for the encoder's vocabulary.

    tokenize(text) -> Pieces(ids, starts, ends)   offsets index ``text`` itself

Lower-cases, strips accents, splits on white space and punctuation, then cuts each word
greedily into the longest pieces the vocabulary holds ("##" marks a continuation), as
the encoder was pretrained. Offsets survive the normalisation so that a mention's
characters can be found among the pieces.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources

MAX_WORD_CHARS = 100


@dataclass(frozen=True, slots=True)
class Pieces:
    ids: list[int]
    starts: list[int]
    ends: list[int]


@functools.cache
def vocabulary() -> dict[str, int]:
    text = resources.files("blocwatch.extract.model").joinpath("data/vocab.txt").read_text(encoding="utf-8")
    return {piece: i for i, piece in enumerate(text.split("\n")) if piece}


def special(name: str) -> int:
    return vocabulary()[f"[{name}]"]


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


def _words(text: str) -> list[tuple[str, int, int]]:
    """(normalised word, start, end) in ``text``: punctuation and CJK characters alone."""
    words: list[tuple[str, int, int]] = []
    current: list[str] = []
    start = 0

    def close(end: int) -> None:
        if current:
            words.append(("".join(current), start, end))
            current.clear()

    for i, char in enumerate(text):
        code = ord(char)
        if char.isspace() or code == 0 or code == 0xFFFD or unicodedata.category(char) in ("Cc", "Cf"):
            close(i)
            continue
        folded = "".join(c for c in unicodedata.normalize("NFD", char.lower()) if unicodedata.category(c) != "Mn")
        if not folded:
            continue
        if _is_punctuation(char) or _is_cjk(code):
            close(i)
            words.append((folded, i, i + 1))
            continue
        if not current:
            start = i
        current.append(folded)
    close(len(text))
    return words


def _pieces_of(word: str) -> list[str] | None:
    vocab = vocabulary()
    if len(word) > MAX_WORD_CHARS:
        return None
    out: list[str] = []
    begin = 0
    while begin < len(word):
        end = len(word)
        found = None
        while begin < end:
            piece = word[begin:end] if begin == 0 else "##" + word[begin:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return None
        out.append(found)
        begin = end
    return out


def tokenize(text: str) -> Pieces:
    vocab = vocabulary()
    unknown = vocab["[UNK]"]
    ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for word, start, end in _words(text):
        pieces = _pieces_of(word)
        if pieces is None:
            ids.append(unknown)
            starts.append(start)
            ends.append(end)
            continue
        # offsets of each piece: proportional inside a word whose folding changed its length
        position = start
        for piece in pieces:
            size = len(piece) - (2 if piece.startswith("##") else 0)
            ids.append(vocab[piece])
            starts.append(position)
            position = min(end, position + size) if len(word) == end - start else position
            ends.append(position if len(word) == end - start else end)
    return Pieces(ids, starts, ends)
