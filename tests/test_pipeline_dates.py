"""Which date an extracted event gets (extract/dates/attachment.py and the pipeline's dating
of each sentence), with real spaCy parses: clause boundaries a date does not cross, offsets
that link two clauses, event-relative expressions anchored on the event the text names, and
the pair a "the two countries" stands for."""

from __future__ import annotations

import datetime as dt

import pytest

from blocwatch.extract import extract_events
from blocwatch.extract.dates.expressions import DateValue, find_date_expressions, resolve
from blocwatch.records import Event


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # this module tests the dating rules: the learned model, which may add its own events to
    # these sentences, is tested in tests/test_model_detector.py
    monkeypatch.setenv("BLOCWATCH_MODEL", "off")


def _dated(text: str, date: str) -> dict[tuple[str | None, str, str | None], str | None]:
    """(actor, event, recipient) -> date; the test texts have one event per triple."""
    out: dict[tuple[str | None, str, str | None], str | None] = {}
    for event in extract_events(text, date=date):
        out[(event.actor, event.event, event.recipient)] = event.date
    return out


def _find(events: list[Event], actor: str, kind: str, recipient: str) -> Event:
    found = [e for e in events if (e.actor, e.event, e.recipient) == (actor, kind, recipient)]
    assert len(found) == 1, [(e.actor, e.event, e.recipient, e.date) for e in events]
    return found[0]


# ---------------------------------------------------------------- temporal clauses

def test_pipeline_offset_before_a_clause_dates_that_clause_from_the_main_one() -> None:
    text = ("ANKARA, 5 July 2024 (BWN) - Turkish President Recep Tayyip Erdogan met Russian President "
            "Vladimir Putin on Wednesday on the sidelines of the Shanghai Cooperation Organisation summit "
            "in Astana, a week before he travels to Washington for NATO's 75th anniversary summit.")
    dates = _dated(text, "2024-07-05")
    assert dates[("TUR", "CONSULT", "RUS")] == "2024-07-03"
    assert dates[("TUR", "CONSULT", "USA")] == "2024-07-10"   # a week after, not Wednesday


def test_pipeline_offset_after_a_clause_counts_back_from_the_main_clause() -> None:
    text = ("Algeria recalled its ambassador to France on Tuesday, a day after Paris said it supported "
            "Morocco's autonomy plan for Western Sahara.")
    dates = _dated(text, "2024-07-31")
    assert dates[("DZA", "SANCTION", "FRA")] == "2024-07-30"
    assert dates[("FRA", "SUPPORT", "MAR")] == "2024-07-29"


def test_pipeline_day_date_does_not_cross_an_after_clause() -> None:
    text = ("Mali expelled the French ambassador on Monday, after France's foreign minister called the "
            "junta illegitimate.")
    dates = _dated(text, "2022-02-01")
    assert dates[("MLI", "SANCTION", "FRA")] == "2022-01-31"
    assert dates[("FRA", "ACCUSE", "MLI")] is None   # said some day before, not on Monday
    text = ("ANKARA, 5 July 2024 (BWN) - Several Turkish banks suspended transactions with Russian "
            "clients on Monday after Washington threatened to impose secondary sanctions on them.")
    dates = _dated(text, "2024-07-05")
    assert dates[("TUR", "SANCTION", "RUS")] == "2024-07-01"
    assert dates[("USA", "THREATEN", "TUR")] is None


def test_pipeline_day_date_of_an_after_clause_does_not_date_the_main_clause() -> None:
    text = "After Russian troops crossed the border on Friday, Poland expelled five Russian diplomats."
    events = extract_events(text, date="2023-09-21")
    assert _find(events, "POL", "SANCTION", "RUS").date is None


def test_pipeline_month_still_holds_across_an_after_clause() -> None:
    text = "Russia cut gas supplies to Bulgaria in April 2022 after Sofia refused to pay for them in roubles."
    dates = _dated(text, "2023-06-30")
    assert dates[("RUS", "SANCTION", "BGR")] == "2022-04"
    assert dates[("BGR", "REJECT", "RUS")] == "2022-04"


def test_pipeline_offset_clause_a_few_weeks_earlier_takes_no_date() -> None:
    text = ("In July 2022, a few weeks after Tokayev offered to help Europe with oil and gas, a Russian "
            "court ordered the Caspian Pipeline Consortium to halt operations for a month.")
    events = extract_events(text, date="2023-11-20")
    assert _find(events, "KAZ", "AGREE", "EUR").date is None


def test_pipeline_concessive_clause_date_does_not_date_the_main_clause() -> None:
    text = "Turkey rejected the Russian accusation, though Erdogan said on Friday that he was saddened by the incident."
    events = extract_events(text, date="2015-11-28")
    assert _find(events, "TUR", "REJECT", "RUS").date is None


# ---------------------------------------------------------------- relative clauses

def test_pipeline_relative_clause_does_not_take_the_main_clause_date() -> None:
    text = ("Sweden tightened its anti-terrorism law in 2023 and lifted restrictions on arms exports to "
            "Turkey, steps that Turkish officials had demanded.")
    dates = _dated(text, "2024-01-24")
    assert dates[("TUR", "REQUEST", "SWE")] is None


def test_pipeline_participle_clause_keeps_its_date_to_itself() -> None:
    text = "Brazil has declined to supply ammunition to Ukraine, a request made by Germany in January."
    events = extract_events(text, date="2023-04-15")
    assert _find(events, "BRA", "REJECT", "UKR").date is None


def test_pipeline_participle_on_an_event_noun_shares_its_date() -> None:
    text = ("Saudi Arabia and Iran agreed on Friday to restore diplomatic relations, after four days of "
            "talks hosted by China in Beijing.")
    dates = _dated(text, "2023-03-10")
    assert dates[("CHN", "CONSULT", "SAU")] == "2023-03-10"


def test_pipeline_present_tense_content_of_a_resolution_keeps_its_date() -> None:
    text = ("The United Nations General Assembly on Wednesday adopted a resolution that deplores "
            "Russia's aggression against Ukraine.")
    dates = _dated(text, "2022-03-03")
    assert dates[("UNO", "ACCUSE", "RUS")] == "2022-03-02"


# ---------------------------------------------------------------- coordinated clauses

def test_pipeline_coordinated_clause_with_its_own_subject_keeps_no_foreign_date() -> None:
    text = ("Pakistan's foreign minister met his Chinese counterpart in Beijing on Monday, and India "
            "imposed new tariffs on Chinese goods.")
    dates = _dated(text, "2023-09-21")
    assert dates[("PAK", "CONSULT", "CHN")] == "2023-09-18"
    assert dates[("IND", "SANCTION", "CHN")] is None
    text = ("Russia and Iran signed a memorandum on military cooperation in 2021, and Moscow has since "
            "bought Iranian drones for its forces.")
    events = extract_events(text, date="2022-10-20")
    assert _find(events, "RUS", "COOPERATE", "IRN").date is None


def test_pipeline_date_in_a_later_clause_does_not_date_an_earlier_one() -> None:
    text = ("Astana has not joined Western sanctions against Russia, and in 2023 it restricted the "
            "re-export of dual-use goods to Russia.")
    events = extract_events(text, date="2023-11-20")
    refusal = [e for e in events if e.event == "SANCTION" and e.negated]
    assert refusal and all(e.date is None for e in refusal)


def test_pipeline_fronted_date_scopes_over_coordinated_clauses() -> None:
    text = ("In January 2022 President Kassym-Jomart Tokayev asked the Collective Security Treaty "
            "Organization for help, and the alliance sent about 2,000 troops to Kazakhstan.")
    events = extract_events(text, date="2023-11-20")
    assert {e.date for e in events} == {"2022-01"}


def test_pipeline_coordinated_clause_about_the_same_parties_shares_the_date() -> None:
    text = ("Chinese President Xi Jinping visited Budapest in May 2024 on his first European tour in "
            "five years, and the two governments signed eighteen agreements.")
    events = extract_events(text, date="2024-07-15")
    agreements = [e for e in events if e.event == "AGREE"]
    assert agreements and {e.date for e in agreements} == {"2024-05"}
    assert {agreements[0].actor, agreements[0].recipient} == {"CHN", "HUN"}


def test_pipeline_coordinated_future_takes_no_earlier_date() -> None:
    text = "On Monday, China and India agreed to resume flights, and the two sides will meet again next month."
    events = extract_events(text, date="2024-10-30")
    assert _find(events, "CHN", "AGREE", "IND").date == "2024-10-28"
    assert _find(events, "CHN", "CONSULT", "IND").date == "2024-11"   # its own "next month", not Monday


def test_pipeline_unresolved_own_date_is_not_replaced_by_another() -> None:
    text = "Poland has supplied Ukraine with more than 300 tanks since 2022, the government said on Monday."
    events = extract_events(text, date="2024-10-30")
    assert _find(events, "POL", "AID", "UKR").date is None


def test_pipeline_negated_present_perfect_takes_no_inherited_date() -> None:
    text = ("The United States paused some of its assistance programmes for Niger on Friday but has not "
            "withdrawn its troops from the country.")
    events = extract_events(text, date="2023-08-07")
    assert _find(events, "USA", "SANCTION", "NER").date == "2023-08-04"
    assert _find(events, "USA", "RETREAT", "NER").date is None


def test_pipeline_opening_date_is_not_carried_once_the_sentence_moves_on() -> None:
    text = ("In December 2023 Hungary blocked an EU aid package for Ukraine, and it lifted its veto only "
            "in February 2024.\nHungary did not veto the EU's sanctions packages against Russia.")
    events = extract_events(text, date="2024-07-15")
    assert all(e.date is None for e in events if e.negated)
    carried = ("In July 2022 President Joe Biden travelled to Jeddah and met Crown Prince Mohammed bin "
               "Salman.\nBiden asked the Saudis to pump more oil.")
    assert _find(extract_events(carried, date="2023-04-20"), "USA", "REQUEST", "SAU").date == "2022-07"


# ---------------------------------------------------------------- event-relative expressions

def test_pipeline_next_day_counts_from_the_event_the_sentence_names() -> None:
    text = ("Ecuadorian police stormed the Mexican embassy in Quito on Friday.\n\n"
            "Mexico withdrew its embassy staff from Quito on Sunday.\n\n"
            "Brazil condemned the raid, and Nicaragua cut ties with Ecuador the next day.")
    events = extract_events(text, date="2024-04-08")
    assert _find(events, "NIC", "SANCTION", "ECU").date == "2024-04-06"   # not Sunday + 1


def test_pipeline_named_event_without_a_date_counts_from_its_sentence_date() -> None:
    text = ("Mexico broke off diplomatic relations with Ecuador on Friday night after Ecuadorian police "
            "forced their way into the Mexican embassy in Quito.\n\n"
            "Ecuador had expelled Mexico's ambassador two days before the raid.\n\n"
            "Mexico withdrew its remaining embassy staff from Quito on Sunday.\n\n"
            "Brazil and Colombia condemned the raid, and Nicaragua cut ties with Ecuador the next day.")
    events = extract_events(text, date="2024-04-08")
    assert _find(events, "MEX", "SANCTION", "ECU").date == "2024-04-05"
    assert _find(events, "ECU", "SANCTION", "MEX").date == "2024-04-03"
    assert _find(events, "NIC", "SANCTION", "ECU").date == "2024-04-06"


def test_pipeline_days_after_the_vote_count_from_the_vote() -> None:
    text = ("ON 23 JANUARY 2024, the Turkish parliament finally approved Sweden's accession to NATO.\n\n"
            "Stockholm and Helsinki had applied to join the alliance in May 2022.\n\n"
            "Two days after the vote, Washington approved the sale of 40 F-16 fighter jets to Turkey, a "
            "purchase the Turkish government had sought since 2021.")
    events = extract_events(text, date="2024-02-12")
    assert _find(events, "USA", "AID", "TUR").date == "2024-01-25"


def test_pipeline_offset_counts_from_a_noun_the_text_dated_before() -> None:
    text = ("India banned 59 Chinese mobile applications on Monday, two weeks after the deadliest clash "
            "on the disputed Himalayan border in decades.\n\n"
            "India and China fought a brief war in 1962.\n\n"
            "Russia hosted a meeting of the Russian, Indian and Chinese foreign ministers by video link "
            "a week after the clash.")
    dates = _dated(text, "2020-06-30")
    assert dates[("IND", "SANCTION", "CHN")] == "2020-06-29"
    assert dates[("RUS", "CONSULT", "IND")] == "2020-06-22"   # the clash: two weeks before Monday


def test_pipeline_offset_does_not_count_from_an_event_its_own_clause_reacts_to() -> None:
    text = ("Russia invaded Ukraine on 24 February 2022.\n\n"
            "Poland expelled 45 Russian diplomats on 1 March 2022.\n\n"
            "Two days later, Lithuania condemned the invasion.")
    events = extract_events(text, date="2022-03-08")
    assert _find(events, "LTU", "ACCUSE", "RUS").date == "2022-03-03"


def test_pipeline_next_day_does_not_count_from_a_background_relative_clause() -> None:
    text = ("MOSCOW, 10 July 2024 (BWN) - Indian Prime Minister Narendra Modi met Vladimir Putin on "
            "Tuesday at a forum that Russia launched in 2015.\n\nUkraine criticised India the next day.")
    events = extract_events(text)
    assert _find(events, "IND", "CONSULT", "RUS").date == "2024-07-09"
    assert _find(events, "UKR", "ACCUSE", "IND").date == "2024-07-10"


def test_pipeline_event_relative_date_never_counts_from_the_publication_date() -> None:
    for text in ("WARSAW, 21 September 2023 (BWN) - Ukraine filed a complaint against Poland at the "
                 "World Trade Organization the next day.",
                 "Ukraine filed a complaint against Poland at the World Trade Organization two days later."):
        events = extract_events(text, date="2023-09-21")
        assert events and all(e.date is None for e in events)


def test_pipeline_counted_weeks_from_a_day_are_days() -> None:
    anchor = DateValue(dt.date(2020, 6, 15), "day")
    found = find_date_expressions("a week after the clash")
    value = resolve(found[0], dt.date(2020, 6, 30), anchor)
    assert value == DateValue(dt.date(2020, 6, 22), "day")
    later = resolve(find_date_expressions("two weeks later")[0], None, anchor)
    assert later == DateValue(dt.date(2020, 6, 29), "day")


# ---------------------------------------------------------------- "the two countries"

def test_pipeline_pair_named_in_the_same_sentence_is_not_the_main_dyad() -> None:
    text = ("India signed a deal with Russia in 2018 to buy five S-400 air defence systems. Russia "
            "delivered the first S-400 units to India in December 2021.\n\n"
            "In 2016 the United States named India a major defence partner, and the two countries "
            "signed a logistics agreement the same year.")
    events = extract_events(text, date="2023-05-15")
    agreements = [e for e in events if e.event == "AGREE" and e.date == "2016"]
    assert agreements and all({e.actor, e.recipient} == {"USA", "IND"} for e in agreements)


def test_pipeline_long_one_line_text_is_text_not_a_path() -> None:
    text = ("Poland expelled five Russian diplomats on Friday, the foreign ministry said, in a move "
            "that officials in Warsaw described as a response to repeated espionage by the embassy "
            "staff and to the sabotage of railway lines used to supply weapons to Ukraine last month.")
    assert len(text.encode()) > 255
    assert any(e.actor == "POL" and e.recipient == "RUS" for e in extract_events(text, date="2022-03-08"))


def test_pipeline_dateline_date_in_the_first_sentence_is_not_the_event_date() -> None:
    # The dateline's date is the report's; "on Sunday" counts back from it.
    for text in ("Islamabad, 14 Feb 2022 (APP): Pakistan thanked China on Sunday for its support.",
                 "ISLAMABAD (Reuters), February 14, 2022 - Pakistan thanked China on Sunday for its support."):
        events = extract_events(text)
        assert _find(events, "PAK", "SUPPORT", "CHN").date == "2022-02-13", text


def test_pipeline_planned_visit_next_month_takes_that_month() -> None:
    events = extract_events("BEIJING, 10 July 2024 - China will host Iran next month for talks on trade.")
    visit = _find(events, "IRN", "CONSULT", "CHN")   # the visitor acts, the host receives
    assert (visit.date, visit.modality) == ("2024-08", "future")


def test_pipeline_infinitive_relative_clause_shares_the_fronted_year() -> None:
    events = extract_events("In 2017, King Salman became the first Saudi monarch to visit Russia.", date="2024-07-15")
    assert _find(events, "SAU", "CONSULT", "RUS").date == "2017"
    # a finite relative clause still keeps its own time
    events = extract_events("In 2017, Saudi Arabia hosted Vladimir Putin, who had visited Iran before.", date="2024-07-15")
    assert _find(events, "RUS", "CONSULT", "IRN").date is None


# ---------------------------------------------------------------- held-out check 4

def test_pipeline_dates_a_when_clause_dates_its_main_clause() -> None:
    dated = _dated("When Modi visited Moscow on 8 July 2024, Putin and Modi signed a trade agreement.", "2024-09-16")
    assert dated[("IND", "CONSULT", "RUS")] == "2024-07-08"
    assert "2024-07-08" in {dated.get(("RUS", "AGREE", "IND")), dated.get(("IND", "AGREE", "RUS"))}


def test_pipeline_dates_the_two_leaders_are_the_visitor_and_the_place_visited() -> None:
    text = ("Putin awarded Vucic an order in 2019.\n\n"
            "China has become the chair that carries the most weight. When Xi Jinping visited Belgrade "
            "on 8 May 2024, the two leaders signed a free trade agreement.")
    agree = [e for e in extract_events(text, date="2024-09-16") if e.event == "AGREE"]
    assert agree and all({e.actor, e.recipient} == {"CHN", "SRB"} for e in agree)
    assert {e.date for e in agree} == {"2024-05-08"}


def test_pipeline_dates_both_sides_in_a_commentary_on_many_pairs() -> None:
    # the text's most frequent pair (Pakistan-Russia) holds fewer than half of its two-party
    # events: "both sides" are the two the paragraph named, not that pair
    text = ("Pakistan signed an energy deal with Russia in 2019. Pakistan signed an arms deal with Russia "
            "in 2020. Pakistan signed a gas deal with Russia in 2021. Pakistan signed a grain deal with "
            "Russia in 2022. Pakistan signed a trade deal with the United States in 2022. Pakistan signed "
            "a loan deal with China in 2023.\n\n"
            "Islamabad accused the Taliban government of sheltering militants, and in March 2024 Pakistani "
            "jets struck targets inside Afghanistan. The Taliban denounced the strikes. "
            "Washington urged both sides to show restraint.")
    requests = {(e.actor, e.recipient) for e in extract_events(text, date="2024-07-15") if e.event == "REQUEST"}
    assert requests == {("USA", "PAK"), ("USA", "AFG")}
