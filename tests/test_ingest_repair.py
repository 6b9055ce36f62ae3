"""Text repair rules, each on small inputs, then the real PDF-extracted commentary."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.ingest.repair import (
    is_caption_block,
    looks_like_heading,
    normalise_characters,
    paragraph_spans,
    remove_page_furniture,
    repair,
)
from skips import NO_SHARED

KHAN = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "khan-moscow-2022.txt"


def paragraphs(text: str) -> list[str]:
    return repair(text).split("\n\n")


# -- characters ------------------------------------------------------------------------

def test_repair_curly_quotes_become_straight() -> None:
    assert normalise_characters("Pakistan’s “position” ‘firm’") == "Pakistan's \"position\" 'firm'"


@pytest.mark.parametrize("raw", ["Khan'’s visit", "Khan’’s visit", "Khan''s visit", "Khan`’s visit", "Khan`s visit",
                                 "Khan ’s visit", "Khan’ s visit"])
def test_repair_doubled_and_mixed_apostrophes(raw: str) -> None:
    assert repair(raw) == "Khan's visit"


def test_repair_quotes_between_words_are_not_merged() -> None:
    # A closing quote followed by an opening one across a space stays two quotes.
    assert repair("He said 'no' 'never'") == "He said 'no' 'never'"
    assert repair("the newspaper 'Dawn' said") == "the newspaper 'Dawn' said"
    assert repair("the ministers' summit") == "the ministers' summit"


def test_repair_invisible_characters_and_spaces() -> None:
    raw = "\ufeffThe\u00a0minister\u200b met\tthe   envoy\r\nand then\rleft."
    assert repair(raw) == "The minister met the envoy and then left."


def test_repair_ligatures_spelt_out() -> None:
    assert repair("The ﬁrst oﬃcial visit") == "The first official visit"


def test_repair_soft_hyphen_at_line_end_joins() -> None:
    assert repair("the govern\u00ad\nment said") == "the government said"


# -- words -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("President VIadimir Putin", "President Vladimir Putin"),
        ("the OIympic games", "the Olympic games"),
        ("Chancellor OIaf Scholz", "Chancellor Olaf Scholz"),
        ("Secretary BIinken and CIinton", "Secretary Blinken and Clinton"),
        ("Mr UIrich", "Mr Ulrich"),
        ("Patriarch KIrill and MIkhail", "Patriarch Kirill and Mikhail"),
    ],
)
def test_repair_capital_i_read_for_l(raw: str, fixed: str) -> None:
    assert repair(raw) == fixed


@pytest.mark.parametrize("word", ["AIs", "IIT", "McIntyre", "UN", "CIA", "IMF", "NATO-Iran", "Iran", "II"])
def test_repair_capital_i_left_alone(word: str) -> None:
    assert repair(f"The {word} case") == f"The {word} case"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("ln 2019, Russia sold the S-400 to Turkey.", "In 2019, Russia sold the S-400 to Turkey."),
        ("lf Russia can assist, lt will.", "If Russia can assist, It will."),
        ("The kiln and the ln-house team and l n 5", "The kiln and the ln-house team and l n 5"),
    ],
)
def test_repair_small_l_read_for_capital_i(raw: str, fixed: str) -> None:
    assert repair(raw) == fixed


# -- hyphens at line ends ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("the govern-\nment said", "the government said"),
        ("an indepen-\ndent policy", "an independent policy"),
        ("the long-\nplanned visit", "the long-planned visit"),
        ("fast-\ndeclining reserves", "fast-declining reserves"),
        ("the Pakistan-\nRussia talks", "the Pakistan-Russia talks"),
        ("the COVID-\n19 crisis", "the COVID-19 crisis"),
        ("state-of-\nthe-art arms", "state-of-the-art arms"),
        ("a so - \nso result", "a so - so result"),
    ],
)
def test_repair_hyphen_at_line_end(raw: str, joined: str) -> None:
    assert repair(raw) == joined


def test_repair_hyphen_decided_by_the_document_itself() -> None:
    # "cross-border" appears whole elsewhere, so the broken one keeps its hyphen...
    assert "cross-border" in repair("A cross-\nborder raid. Another cross-border raid.")
    # ...and a word the document spells joined elsewhere is joined.
    assert repair("Xanthe-\nlands. Xanthelands again.") == "Xanthelands. Xanthelands again."


def test_repair_hyphen_across_page_gap() -> None:
    assert repair("talks on the pipe-\n\n\n\nline project") == "talks on the pipeline project"


# -- paragraphs and sentences broken by layout -----------------------------------------

def test_repair_lines_of_a_paragraph_joined_with_spaces() -> None:
    raw = "Russia and Pakistan agreed\nto build a pipeline.\n\nThe project was delayed."
    assert repair(raw) == "Russia and Pakistan agreed to build a pipeline.\n\nThe project was delayed."


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n\n", "\n\f", "\n\n\n12\n\n\n", "\n\n- 3 -\n\n", "\nPage 2 of 5\n"])
def test_repair_sentence_across_page_gap_rejoined(gap: str) -> None:
    raw = f"envoys of European{gap}and other Western countries urged Pakistan."
    assert repair(raw) == "envoys of European and other Western countries urged Pakistan."


def test_repair_prose_across_page_gap_continues_before_a_capital() -> None:
    raw = ("The minister said the government would hold talks with Pakistan's\n\n\n\n"
           "Foreign Minister next week.")
    assert paragraphs(raw) == [raw.replace("\n\n\n\n", " ")]
    raw_pages = raw.replace("\n\n\n\n", "\n\f")
    assert paragraphs(raw_pages) == [raw.replace("\n\n\n\n", " ")]


def test_repair_short_label_before_page_gap_stays_apart() -> None:
    assert paragraphs("Key points\n\n\n\nRussia and Pakistan met.") == ["Key points", "Russia and Pakistan met."]
    assert paragraphs("- gas\n\n\n\nRussia and Pakistan met.") == ["- gas", "Russia and Pakistan met."]


@pytest.mark.parametrize("width", [20, 25, 26, 43])
def test_repair_narrow_column_line_is_not_a_heading(width: int) -> None:
    sentence = ("Officials had prepared the visit for weeks. Pakistan's Prime Minister Imran Khan "
                "arrived in Moscow on Wednesday for talks with President Putin.")
    lines = textwrap.wrap(sentence, width)
    # At these widths a Title Case line follows a sentence end: it looks like a heading,
    # but wrapping, not the writer, ended it.
    assert any(looks_like_heading(line) and lines[i - 1].endswith(".") for i, line in enumerate(lines) if i)
    assert paragraphs("\n".join(lines)) == [sentence]


def test_repair_block_ending_in_function_word_continues() -> None:
    assert repair("talks with the\n\nRussian side ended.") == "talks with the Russian side ended."
    assert repair("Pakistan, India,\n\nBangladesh and Nepal abstained.") == \
        "Pakistan, India, Bangladesh and Nepal abstained."


def test_repair_finished_sentences_stay_separate_paragraphs() -> None:
    raw = "Pakistan abstained.\n\n\n\nIndia abstained too."
    assert paragraphs(raw) == ["Pakistan abstained.", "India abstained too."]


def test_repair_heading_not_glued_to_next_sentence() -> None:
    raw = ("the vote on the resolution.\nDiplomatic Reactions to Visit\n"
           "In an unprecedented open letter, 21 envoys urged Pakistan\nto condemn the invasion.")
    assert paragraphs(raw) == [
        "the vote on the resolution.",
        "Diplomatic Reactions to Visit",
        "In an unprecedented open letter, 21 envoys urged Pakistan to condemn the invasion.",
    ]


def test_repair_heading_followed_by_blank_line_and_lowercase_stays_apart() -> None:
    assert paragraphs("Background\n\nthe talks began in 2015.") == ["Background", "the talks began in 2015."]


def test_repair_wrapped_line_with_capitals_is_not_a_heading() -> None:
    raw = ("Russian officials said on Tuesday that\nPresident Vladimir Putin and Prime\n"
           "Minister Imran Khan met for three hours.")
    assert len(paragraphs(raw)) == 1


def test_repair_multi_line_title_kept_together() -> None:
    assert paragraphs("Imran Khan in Moscow:\nPakistan-Russia Realigning?\n\nBy A. Writer") == [
        "Imran Khan in Moscow: Pakistan-Russia Realigning?", "By A. Writer"]


def test_repair_bullets_become_paragraphs() -> None:
    # The markers stay: an item starting lower-case must not join the line before it.
    raw = "The ministers agreed on:\n• joint exercises\n• a gas pipeline\n- wheat purchases"
    assert paragraphs(raw) == ["The ministers agreed on:", "• joint exercises", "• a gas pipeline", "- wheat purchases"]


def test_repair_short_unwrapped_lines_are_paragraphs() -> None:
    raw = ("Russia and Turkey agree to expand gas hub plans\n"
           "MOSCOW, 10 July 2024 - Russia and Turkey agreed on Wednesday to expand a gas hub.\n"
           '"We will not back down," Erdogan told reporters after the talks.\n'
           "The two leaders last met in Sochi in 2023.\n")
    assert paragraphs(raw) == raw.strip().split("\n")


@pytest.mark.parametrize("dash", ["—", "-", "–"])
def test_repair_dash_at_wrapped_line_start_is_not_a_bullet(dash: str) -> None:
    raw = f"Khan arrived in Moscow for a two-day visit\n{dash} just hours after the invasion\nbegan."
    assert paragraphs(raw) == [f"Khan arrived in Moscow for a two-day visit {dash} just hours after the invasion began."]


def test_repair_unwrapped_lines_are_paragraphs() -> None:
    long_a = "Russia expelled two Bulgarian diplomats on Wednesday, the foreign ministry said, " * 2 + "in June."
    long_b = "Bulgaria's foreign minister condemned the decision and said his government would not yield."
    assert paragraphs(f"{long_a}\n{long_b}") == [long_a, long_b]


@pytest.mark.parametrize("line", ["Diplomatic Reactions to Visit", "COMMENTARY", "Evolving Pakistan-Russia Relations",
                                  "A New Power Triangle?"])
def test_repair_heading_shapes(line: str) -> None:
    assert looks_like_heading(line)


@pytest.mark.parametrize("line", ["The talks ended.", "President Putin and", "the vote on the resolution",
                                  "Russia, China,", "In 2015 Russia and Pakistan agreed to build a pipeline from Karachi"])
def test_repair_not_heading_shapes(line: str) -> None:
    assert not looks_like_heading(line)


# -- page furniture ---------------------------------------------------------------------

def test_repair_running_header_and_footer_removed() -> None:
    bodies = ["Russia and Pakistan met in Moscow.", "They agreed to build a pipeline.", "India abstained."]
    pages = [f"Centre for Studies | Commentary\n{body}\nRSIS Commentary {number} of 3\n{number}"
             for number, body in enumerate(bodies, start=1)]
    text = repair("\f".join(pages))
    assert "Centre for Studies" not in text
    assert "RSIS Commentary" not in text
    assert text.split("\n\n") == bodies


def test_repair_running_header_between_page_gaps_removed() -> None:
    # Text extracted without form feeds: pages show as runs of blank lines.
    bodies = ["Russia and Pakistan met in Moscow.", "They agreed to build a pipeline.",
              "India abstained.", "China welcomed the talks."]
    pages = [f"RSIS Commentary | www.rsis.edu.sg\n\n{body}\n\nNo. 45 - {n} March 2022"
             for n, body in enumerate(bodies, start=1)]
    assert paragraphs("\n\n\n\n".join(pages)) == bodies


def test_repair_repeated_line_without_pages_is_kept() -> None:
    # No form feeds, no pages: a repeated line is content, not a running header.
    assert repair("Moscow talks.\n\nMoscow talks.").count("Moscow talks.") == 2


def test_repair_page_numbers_removed_but_years_kept() -> None:
    text = remove_page_furniture("First.\n7\nPage 3\n- 4 -\n2022\n12/40\nLast.")
    assert text.split("\n") == ["First.", "2022", "Last."]


# -- captions ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "caption",
    [
        "Pakistani Prime Minister Imran Khan during an official visit to Moscow\n23-25 February 2022: Image from en.kremlin.ru",
        "Photo: Reuters",
        "President Erdogan greets Mr Putin in Ankara. Photo: AFP",
        "Ministers at the summit (Reuters photo)",
        "Credit: Ministry of Foreign Affairs",
        "File photo",
        "Source: Kremlin press office via Wikimedia Commons",
        "Image: kremlin.ru",
        "The two leaders in Beijing (Photo by Jane Doe/Getty Images)",
    ],
)
def test_repair_caption_blocks_removed(caption: str) -> None:
    raw = f"Russia and Pakistan met.\n\n{caption}\n\nThey agreed to cooperate."
    assert paragraphs(raw) == ["Russia and Pakistan met.", "They agreed to cooperate."]
    assert is_caption_block(caption.split("\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The image from the summit showed both leaders smiling.",
        "A photo of the two leaders was published by the Kremlin on Tuesday.",
        "Credit markets fell after the sanctions were announced.",
        "The source said Russia would supply gas to Pakistan.",
    ],
)
def test_repair_sentences_about_photos_kept(sentence: str) -> None:
    assert repair(sentence) == sentence


def test_repair_caption_line_inside_block_removed() -> None:
    assert repair("Leaders met in Moscow.\n(Photo: TASS)\nThey signed a deal.") == \
        "Leaders met in Moscow. They signed a deal."


# -- the real PDF-extracted commentary --------------------------------------------------

@pytest.mark.skipif(not KHAN.exists(), reason=NO_SHARED)
def test_repair_khan_commentary() -> None:
    text = repair(KHAN.read_text("utf-8"))
    assert "Image from" not in text and "kremlin.ru" not in text
    assert "envoys of European and other Western countries urged Pakistan" in text
    assert "In the ongoing UNGA meeting, Josep Borell" in text
    assert "coincidence or similarity of positions" in text
    assert "PM Khan's visit to Moscow was the first" in text
    assert "VIadimir" not in text and "President Vladimir Putin" in text
    assert "\nDiplomatic Reactions to Visit\n" in text
    assert "\nGroundbreaking Visit Amid Geopolitical Quake\n" in text
    assert "long-planned" in text and "fast-declining" in text
    assert "’" not in text and "“" not in text
    assert "\n\n\n" not in text
    for start, end in paragraph_spans(text):
        assert "\n" not in text[start:end]


# -- properties -------------------------------------------------------------------------

RAW_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ IlV-.,:;?'’“”\"\n\n\n\f12 ()•é\u00ad\u00a0\t")),
    max_size=300,
)


@settings(max_examples=400, deadline=None)
@given(RAW_TEXT)
def test_repair_is_idempotent(raw: str) -> None:
    once = repair(raw)
    assert repair(once) == once


@settings(max_examples=300, deadline=None)
@given(RAW_TEXT)
def test_repair_paragraph_offsets_cover_text(raw: str) -> None:
    text = repair(raw)
    spans = paragraph_spans(text)
    assert "\n\n".join(text[s:e] for s, e in spans) == text
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert "\n" not in text[start:end]
        assert text[start:end] == text[start:end].strip()
    assert not re.search(r"[ \t]{2}", text)


def test_repair_numbered_copy_of_the_title_line_is_a_running_header() -> None:
    # no form feeds, single blank lines: the header with its page number still goes
    text = ("Asia Policy Brief | Indonesia Between the Powers\n\n"
            "Indonesia voted for the resolution in March 2022,\n\n"
            "Asia Policy Brief | Indonesia Between the Powers                              2\n\n"
            "but it did not impose sanctions on Russia.\n")
    out = repair(text)
    assert "Powers 2" not in out
    assert "in March 2022, but it did not impose sanctions on Russia." in out
    assert out.startswith("Asia Policy Brief | Indonesia Between the Powers")
