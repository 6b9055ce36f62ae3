"""Per-rule behaviour of the event extractor on short texts, with the real pipeline
(spaCy, actors, reference tables)."""

from __future__ import annotations

import pytest

from blocwatch.extract import extract_events
from blocwatch.records import Event


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # this module tests the trigger lexicon's frames: the learned model, which may add its own events to
    # these sentences, is tested in tests/test_model_detector.py
    monkeypatch.setenv("BLOCWATCH_MODEL", "off")

PUB = "2022-03-08"  # a Tuesday


def _events(text: str, date: str | None = PUB) -> list[Event]:
    return extract_events(text, date=date)


def _triples(events: list[Event]) -> set[tuple[str | None, str, str | None]]:
    return {(e.actor, e.event, e.recipient) for e in events}


@pytest.mark.parametrize(("text", "triple"), [
    ("Russian Foreign Minister Sergey Lavrov visited Pakistan in April 2021.", ("RUS", "CONSULT", "PAK")),
    ("Pakistan's Prime Minister Imran Khan arrived in Moscow for a two-day visit.", ("PAK", "CONSULT", "RUS")),
    ("In 2011, Russia officially supported Pakistan's bid to join the organisation.", ("RUS", "SUPPORT", "PAK")),
    ("In 2014, Russia lifted its arms embargo on Pakistan.", ("RUS", "CONCEDE", "PAK")),
    ("The United States imposed sanctions on Iran on Monday.", ("USA", "SANCTION", "IRN")),
    ("Poland expelled five Russian diplomats on Friday.", ("POL", "SANCTION", "RUS")),
    ("Germany accused Russia of spying.", ("DEU", "ACCUSE", "RUS")),
    ("France urged Turkey to show restraint.", ("FRA", "REQUEST", "TUR")),
    ("Russia invaded Ukraine on 24 February.", ("RUS", "ASSAULT", "UKR")),
    ("Pakistan had also granted Russia access to its Gwadar port.", ("PAK", "COOPERATE", "RUS")),
])
def test_events_verb_triggers(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))


def test_events_reported_accusation_content_is_not_asserted() -> None:
    triples = _triples(_events("Germany accused Russia of attacking Ukraine."))
    assert ("DEU", "ACCUSE", "RUS") in triples
    assert not any(event == "ASSAULT" for _, event, _ in triples)


def test_events_negation_keeps_the_type() -> None:
    events = _events("Pakistan did not condemn Russia's invasion of Ukraine.")
    accuse = [e for e in events if e.event == "ACCUSE"]
    assert accuse and accuse[0].negated and (accuse[0].actor, accuse[0].recipient) == ("PAK", "RUS")
    assert not any(e.event == "SUPPORT" for e in events)


def test_events_request_complement_is_not_an_event() -> None:
    events = _events("The European Union urged Pakistan to condemn the Russian invasion of Ukraine.")
    assert not any(e.event == "ACCUSE" for e in events)


def test_events_compound_actors_expand_to_pairs() -> None:
    triples = _triples(_events("The United States and China urged India and Pakistan to exercise restraint."))
    assert {("USA", "REQUEST", "IND"), ("USA", "REQUEST", "PAK"),
            ("CHN", "REQUEST", "IND"), ("CHN", "REQUEST", "PAK")} <= triples


def test_events_symmetric_subject_gives_one_event_per_pair() -> None:
    events = [e for e in _events("In 2015, Russia and Pakistan agreed to build a gas pipeline.") if e.event == "AGREE"]
    assert len(events) == 1
    assert {events[0].actor, events[0].recipient} == {"RUS", "PAK"} and events[0].date == "2015"


def test_events_questions_and_speculation_are_not_events() -> None:
    assert _events("Is Pakistan moving towards Russia? Will India sanction Russia?") == []
    assert not [e for e in _events("Russia could attack Ukraine.") if e.modality == "asserted"]


def test_events_conditional_is_hypothetical() -> None:
    events = _events("If Russia attacks Ukraine, the United States will impose sanctions on Russia.")
    assert all(e.modality == "hypothetical" for e in events)


def test_events_no_event_acts_on_itself() -> None:
    assert all(e.actor != e.recipient for e in _events("Pakistani officials met Pakistani generals in Islamabad."))


def test_events_merge_repeated_mentions() -> None:
    text = ("Prime Minister Imran Khan's visit to Moscow surprised Washington. "
            "On 23 February 2022, Imran Khan arrived in Moscow for a two-day visit.")
    visits = [e for e in _events(text) if e.event == "CONSULT" and e.actor == "PAK"]
    assert len(visits) == 1
    assert visits[0].date == "2022-02-23" and len(visits[0].evidence) == 2


def test_events_dates_relative_and_carried() -> None:
    text = ("On 23 February 2022, Imran Khan arrived in Moscow. Two days later, Putin and Khan held talks. "
            "Russian Foreign Minister Sergey Lavrov visited Pakistan in April 2021. "
            "Both countries agreed during the Lavrov visit on joint military exercises.")
    events = _events(text)
    talks = [e for e in events if e.event == "CONSULT" and {e.actor, e.recipient} == {"RUS", "PAK"} and e.date == "2022-02-25"]
    assert talks
    agree = [e for e in events if e.event == "AGREE"]
    assert agree and agree[0].date == "2021-04"


def test_events_no_date_is_invented() -> None:
    events = _events("Russia supported Pakistan's bid to join the organisation.")
    assert events and all(e.date is None for e in events)


def test_events_weekday_counts_back_from_publication() -> None:
    events = _events("Poland expelled five Russian diplomats on Friday.")
    assert events[0].date == "2022-03-04" and events[0].date_precision == "day"


# ---------------------------------------------------------------- rules added for recall

def _one_event(text: str, event: str, date: str | None = PUB) -> Event:
    found = [e for e in _events(text, date) if e.event == event]
    assert len(found) == 1, [(e.actor, e.event, e.recipient) for e in _events(text, date)]
    return found[0]


@pytest.mark.parametrize(("text", "triple"), [
    ("Kenya invited the Ethiopian prime minister to Nairobi for talks.", ("KEN", "REQUEST", "ETH")),
    ("Georgia applied to join the European Union in 2022.", ("GEO", "REQUEST", "EUU")),
    ("Ukraine could apply for NATO membership if the war ends.", ("UKR", "REQUEST", "NATO")),
    ("Spain voted against the Moroccan proposal.", ("ESP", "REJECT", "MAR")),
    ("Qatar will strengthen its ties with Oman, the emir said.", ("QAT", "COOPERATE", "OMN")),
    ("Lithuania downgraded its relations with China in November.", ("LTU", "SANCTION", "CHN")),
    ("Latvia said it would reduce the staff of the Belarusian embassy in Riga.", ("LVA", "SANCTION", "BLR")),
    ("Peru paused negotiations on a trade deal with Mexico.", ("PER", "SANCTION", "MEX")),
    ("Ghana ordered two Nigerian diplomats out of the country on Monday.", ("GHA", "SANCTION", "NGA")),
    ("Greece threatened to suspend military cooperation with Turkey.", ("GRC", "THREATEN", "TUR")),
])
def test_events_new_verb_patterns(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))


def test_events_future_response_is_a_threat() -> None:
    event = _one_event("Poland expelled two Belarusian diplomats. Minsk said it would respond.", "THREATEN")
    assert (event.actor, event.recipient, event.modality, event.negated) == ("BLR", "POL", "asserted", False)


def test_events_past_response_is_no_threat() -> None:
    events = _events("Poland expelled two Belarusian diplomats. Minsk responded by expelling three Poles.")
    assert not any(e.event == "THREATEN" for e in events)


def test_events_hostile_naming_is_an_accusation() -> None:
    event = _one_event("Chile's foreign minister called the Bolivian government illegitimate.", "ACCUSE")
    assert (event.actor, event.recipient, event.negated) == ("CHL", "BOL", False)


def test_events_neutral_naming_is_no_accusation() -> None:
    events = _events("Chile's foreign minister called Bolivia a close partner.")
    assert not any(e.event in ("ACCUSE", "CONSULT") for e in events)


def test_events_refusal_takes_the_partner_from_context() -> None:
    text = "Egypt urged Sudan to reopen the border. Sudan refused to reopen it."
    event = _one_event(text, "REJECT")
    assert (event.actor, event.recipient, event.negated) == ("SDN", "EGY", False)


def test_events_declined_invitation_rejects_the_inviter() -> None:
    text = "Hungary invited Slovakia to talks in Budapest. Slovakia declined the invitation."
    event = _one_event(text, "REJECT")
    assert (event.actor, event.recipient) == ("SVK", "HUN")


def test_events_declined_to_criticise_a_pact_is_a_negated_accusation() -> None:
    text = "Iran and Syria signed a defence pact on Monday. Iraq declined to criticise the pact."
    accusations = [e for e in _events(text) if e.event == "ACCUSE"]
    assert accusations and all(e.negated and e.actor == "IRQ" for e in accusations)
    assert {e.recipient for e in accusations} <= {"IRN", "SYR"}


def test_events_condition_clause_is_no_event() -> None:
    text = "Canada urged Iran to release the detainees. Ottawa could impose sanctions on Tehran if Iran refused to cooperate."
    events = _events(text)
    assert not any(e.event == "REJECT" for e in events)
    sanction = [e for e in events if e.event == "SANCTION"]
    assert sanction and sanction[0].modality == "hypothetical"


def test_events_ready_to_hold_talks_is_future_with_the_subject() -> None:
    event = _one_event("Japan was ready to hold talks with South Korea at any time, its minister said.", "CONSULT")
    assert (event.actor, event.recipient, event.modality) in {("JPN", "KOR", "future"), ("KOR", "JPN", "future")}


def test_events_reporter_urges_when_reported_clause_subject_is_the_target() -> None:
    text = "Egypt's foreign ministry said the Ethiopian side had delayed the talks and urged Addis Ababa to return."
    event = _one_event(text, "REQUEST")
    assert (event.actor, event.recipient) == ("EGY", "ETH")


def test_events_broker_of_pair_relations_consults_each_side() -> None:
    events = _events("In 2023 Oman brokered the restoration of Saudi-Iranian relations.")
    consult = {(e.actor, e.recipient) for e in events if e.event == "CONSULT"}
    assert consult == {("OMN", "SAU"), ("OMN", "IRN")}


@pytest.mark.parametrize(("text", "triple"), [
    ("Japan and Australia share intelligence with each other under the new pact.", ("JPN", "COOPERATE", "AUS")),
    ("Greece leased the port of Piraeus to a Chinese shipping company.", ("GRC", "COOPERATE", "CHN")),
    ("Germany opposed a French proposal for joint borrowing.", ("DEU", "REJECT", "FRA")),
    ("Iranian police forced their way into the Saudi consulate in Mashhad.", ("IRN", "COERCE", "SAU")),
    ("Russian commandos stormed a Ukrainian vessel in the Kerch Strait.", ("RUS", "COERCE", "UKR")),
    ("Cuba restored relations with Chile with Chile's consent.", ("CUB", "AGREE", "CHL")),
])
def test_events_new_verb_triggers(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))


def test_events_fighting_with_a_compound_subject_of_troops() -> None:
    events = _events("Armenian and Azerbaijani troops fought along the frontier on Monday.")
    assert {(e.actor, e.event, e.recipient) for e in events} & {("ARM", "ASSAULT", "AZE"), ("AZE", "ASSAULT", "ARM")}
    assert all(e.date == "2022-03-07" for e in events)


def test_events_condemned_the_raid_targets_who_raided() -> None:
    text = ("Israeli police raided the Turkish consulate in Jerusalem on Sunday. "
            "Jordan and Egypt condemned the raid.")
    triples = _triples(_events(text))
    assert {("JOR", "ACCUSE", "ISR"), ("EGY", "ACCUSE", "ISR")} <= triples


def test_events_reaction_to_a_launch_told_with_a_verb() -> None:
    text = "Iran fired a ballistic missile into the Gulf on Monday. Britain did not condemn the launch."
    events = [e for e in _events(text) if e.event == "ACCUSE"]
    assert [(e.actor, e.recipient, e.negated) for e in events] == [("GBR", "IRN", True)]


def test_events_reaction_noun_without_a_telling_verb_names_no_one() -> None:
    assert not [e for e in _events("Spain condemned the raid.") if e.event == "ACCUSE"]


def test_events_them_after_both_leaders_is_the_pair() -> None:
    text = ("Armenia and Azerbaijan clashed on Monday. Armenia accused Azerbaijan of shelling. "
            "Russian President Vladimir Putin phoned both leaders on Tuesday and urged them to show restraint.")
    requests = {(e.actor, e.recipient, e.date) for e in _events(text) if e.event == "REQUEST"}
    assert requests == {("RUS", "ARM", "2022-03-08"), ("RUS", "AZE", "2022-03-08")}


@pytest.mark.parametrize(("text", "event"), [
    ("Serbia and Kosovo traded accusations on Monday.", "ACCUSE"),
    ("Indian and Pakistani troops traded fire across the frontier.", "ASSAULT"),
])
def test_events_trading_accusations_or_fire_is_not_trade(text: str, event: str) -> None:
    assert [e.event for e in _events(text)] == [event]


def test_events_demand_in_a_country_names_that_country() -> None:
    triples = _triples(_events("China could demand a naval base in Cambodia if the loans go unpaid."))
    assert ("CHN", "REQUEST", "KHM") in triples


def test_arguments_name_before_a_relative_clause_is_the_subject() -> None:
    text = ("Serbia and Kosovo traded accusations on Monday. Hungary, which borders neither of them, "
            "called on both sides to resume talks.")
    requests = {(e.actor, e.recipient) for e in _events(text) if e.event == "REQUEST"}
    assert requests == {("HUN", "SRB"), ("HUN", "XKX")}


def test_events_lifting_an_embargo_names_the_state_after_to() -> None:
    assert ("USA", "CONCEDE", "MMR") in _triples(_events("Washington eased its ban on gem imports to Myanmar in 2012."))


def test_events_delivery_without_a_named_buyer_takes_the_buyer_from_context() -> None:
    text = "Egypt signed a deal with France for 30 Rafale jets in May. France delivered the first jets in July."
    assert ("FRA", "AID", "EGY") in _triples(_events(text))


def test_events_hosting_a_leader_is_coded_as_the_guest_visit() -> None:
    events = _events("Indonesia hosted Brazilian President Lula in Jakarta on Monday.")
    assert [(e.actor, e.event, e.recipient, e.mode) for e in events] == [("BRA", "CONSULT", "IDN", "visit")]


@pytest.mark.parametrize(("text", "triple"), [
    ("Slovenia said on Tuesday it would recognise a Palestinian state.", ("SVN", "SUPPORT", "PSE")),
    ("India declined to join the sanctions against Iran.", ("IND", "REJECT", "IRN")),
    ("Bolivia accused Israel of war crimes and severed diplomatic relations on Tuesday.", ("BOL", "SANCTION", "ISR")),
])
def test_events_recognition_refusal_to_join_and_cutting_ties_find_the_target(
        text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))


def test_events_yet_to_act_is_a_negated_event() -> None:
    events = _events("Greece has yet to recognise Kosovo, and Cyprus is yet to sign the accord with Turkey.")
    assert {(e.actor, e.event, e.recipient, e.negated) for e in events} == {
        ("GRC", "SUPPORT", "XKX", True), ("CYP", "AGREE", "TUR", True)}


@pytest.mark.parametrize(("text", "triple"), [
    ("Gambia took Myanmar to the International Court of Justice in 2019.", ("GMB", "ACCUSE", "MMR")),
    ("Australia took China to the WTO over barley tariffs.", ("AUS", "ACCUSE", "CHN")),
    ("Ukraine sued Russia at an arbitration court.", ("UKR", "ACCUSE", "RUS")),
])
def test_events_taking_a_state_to_court_is_an_accusation(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))


def test_events_taking_a_guest_somewhere_is_no_event() -> None:
    assert _events("Modi took Putin to his residence in Delhi.") == []


@pytest.mark.parametrize(("text", "triple"), [
    ("Mexico voted against the motion without criticising Cuba.", ("MEX", "ACCUSE", "CUB")),
    ("France ruled out sending troops to Niger.", ("FRA", "MOBILIZE", "NER")),
])
def test_events_without_and_ruled_out_negate_the_complement(text: str, triple: tuple[str, str, str]) -> None:
    events = [e for e in _events(text) if (e.actor, e.event, e.recipient) == triple]
    assert events and all(e.negated for e in events)


def test_events_content_of_denied_claims_is_not_asserted() -> None:
    for text in ("Minsk rejected claims that it had sent troops to Ukraine.",
                 "Tehran dismissed reports that it supplied missiles to Russia."):
        assert not [e for e in _events(text) if e.event in ("MOBILIZE", "AID", "COOPERATE")]


def test_events_warning_of_a_hostile_act_threatens_its_target() -> None:
    events = _events("Algeria warned that it would halt gas deliveries to Spain if Madrid resold the gas.")
    assert [(e.actor, e.event, e.recipient, e.modality) for e in events if e.event == "THREATEN"] == [
        ("DZA", "THREATEN", "ESP", "asserted")]


def test_events_normalising_relations_is_an_agreement() -> None:
    assert ("BHR", "AGREE", "ISR") in _triples(_events("Bahrain normalised relations with Israel in 2020."))


def test_arguments_causative_object_carries_out_the_infinitive() -> None:
    triples = _triples(_events("The attack prompted Britain to recall its ambassador from Iran."))
    assert ("GBR", "SANCTION", "IRN") in triples
    assert not _events("The attack did not force Britain to recall its ambassador from Iran.")
    assert not _events("The attack could prompt Britain to recall its ambassador from Iran.")


def test_events_travel_purpose_clause_meeting_took_place() -> None:
    events = _events("In September 2023 Erdogan travelled to Sochi to meet President Vladimir Putin.", "2024-02-12")
    assert [(e.actor, e.event, e.recipient, e.date) for e in events] == [("TUR", "CONSULT", "RUS", "2023-09")]
    # a purpose clause of anything but travel stays unasserted
    assert not _events("Turkey built a port to supply Russia with grain.")


def test_events_raised_the_issue_with_is_a_consultation() -> None:
    assert ("TUR", "CONSULT", "RUS") in _triples(_events(
        "Turkey's foreign minister raised the issue with his Russian counterpart."))
    assert ("IND", "ACCUSE", "CHN") in _triples(_events("India raised concerns with China."))


def test_arguments_passive_goods_take_their_maker_as_actor() -> None:
    assert ("TUR", "AID", "UKR") in _triples(_events("Turkish drones were sold to Ukraine before the invasion."))
    assert ("TUR", "AID", "POL") in _triples(_events("Ukrainian drones were sold to Poland by Turkey."))


def test_arguments_apposition_before_a_subjectless_verb_is_its_subject() -> None:
    events = _events("In January 2021, in the last days of the Trump administration, Washington and "
                     "Abu Dhabi signed an agreement for the sale of 50 F-35 fighter jets.", "2024-10-14")
    assert ("USA", "AGREE", "ARE") in _triples(events)


def test_events_landing_in_a_capital_is_a_visit_only_for_people() -> None:
    events = _events("On 2 July Prime Minister Viktor Orban travelled to Kyiv. Three days later "
                     "Orban landed in Moscow.", "2024-07-15")
    assert ("HUN", "CONSULT", "RUS", "2024-07-05") in {(e.actor, e.event, e.recipient, e.date) for e in events}
    assert not _events("Russian paratroopers landed in Kyiv.")


def test_events_boycott_of_meetings_hosted_by_a_state() -> None:
    events = _events("Sweden and Finland said their ministers would boycott the informal meetings "
                     "hosted by Budapest.", "2024-07-15")
    assert {(e.actor, e.event, e.recipient, e.modality) for e in events} == {
        ("SWE", "SANCTION", "HUN", "future"), ("FIN", "SANCTION", "HUN", "future")}


def test_events_warning_that_clause_parsed_as_relative_is_not_asserted() -> None:
    text = "China's ambassador warned at the time that Chinese consumers could boycott Australian goods."
    assert not [e for e in _events(text, "2020-11-28") if e.event == "SANCTION"]


def test_events_freezing_an_amount_of_funds_for_a_state() -> None:
    events = _events("In December 2022 the European Commission froze 6.3 billion euros of EU funds "
                     "for Hungary over corruption concerns.", "2024-07-15")
    assert [(e.actor, e.event, e.recipient, e.date) for e in events] == [("EUU", "SANCTION", "HUN", "2022-12")]


def test_events_veto_through_a_quantifier_keeps_polarity() -> None:
    events = _events("Hungary has not vetoed any of the EU's sanctions packages against Russia.")
    assert events and all(e.event == "REJECT" and e.negated and e.actor == "HUN" for e in events)


def test_events_blocking_a_package_is_a_rejection_and_its_content_is_not_asserted() -> None:
    assert ("HUN", "REJECT", "UKR") in _triples(_events("Hungary blocked Ukraine's bid to join NATO."))
    assert not [e for e in _events("China blocked a resolution condemning Russia.") if e.event == "ACCUSE"]


def test_events_pair_side_that_is_the_actors_own_group_is_dropped() -> None:
    events = _events("In May 2023 Tokayev attended the first China-Central Asia summit in Xi'an.", "2023-11-20")
    assert [(e.actor, e.recipient) for e in events] == [("KAZ", "CHN")]


def test_events_restricting_re_exports_and_blacklisting_firms_are_sanctions() -> None:
    events = _events("Astana has not joined Western sanctions against Russia, but in 2023 it restricted "
                     "the re-export of dual-use goods to Russia.", "2023-11-20")
    assert {(e.actor, e.event, e.recipient, e.negated) for e in events} == {
        ("KAZ", "SANCTION", "RUS", True), ("KAZ", "SANCTION", "RUS", False)}
    events = _events("The United States has not sanctioned Kazakhstan itself, but the Treasury has "
                     "blacklisted several Kazakh companies.", "2023-11-20")
    assert {(e.actor, e.event, e.recipient, e.negated) for e in events} == {
        ("USA", "SANCTION", "KAZ", True), ("USA", "SANCTION", "KAZ", False)}


def test_events_troops_sent_without_destination_go_to_the_partner() -> None:
    events = _events("In January 2022 Tokayev asked the Collective Security Treaty Organization for help, "
                     "and the alliance sent about 2,000 troops.", "2023-11-20")
    assert ("CSTO", "MOBILIZE", "KAZ") in _triples(events)


def test_events_arranging_exchanges_between_two_states_is_mediation() -> None:
    events = _events("Emirati mediators have arranged several prisoner exchanges between Russia and Ukraine.")
    assert {(e.actor, e.recipient, e.mode) for e in events} == {("ARE", "RUS", "third-party"),
                                                               ("ARE", "UKR", "third-party")}


def test_events_suspended_talks_order_from_named_partner() -> None:
    events = _events("In January 2021 Washington and Abu Dhabi signed an agreement for the sale of 50 jets. "
                     "In December 2021 the UAE suspended talks on the purchase. Abu Dhabi then ordered 80 "
                     "Rafale jets from France instead.", "2024-10-14")
    triples = _triples(events)
    assert {("ARE", "SANCTION", "USA"), ("ARE", "COOPERATE", "FRA")} <= triples


def test_events_promised_consequences_is_a_threat() -> None:
    events = _events('President Joe Biden promised "consequences" for Riyadh.', "2022-10-20")
    assert [(e.actor, e.event, e.recipient) for e in events] == [("USA", "THREATEN", "SAU")]


def test_events_returned_the_visit_and_accepted_take_the_earlier_partner() -> None:
    events = _events("President Mohamed bin Zayed flew to St Petersburg in October 2022 to meet Vladimir Putin, "
                     "and the Russian leader returned the visit in December 2023.", "2024-10-14")
    assert ("RUS", "CONSULT", "ARE", "2023-12") in {(e.actor, e.event, e.recipient, e.date) for e in events}
    events = _events("In August 2023 the BRICS group invited the UAE to join. The Emirates accepted at once.",
                     "2024-10-14")
    assert ("ARE", "AGREE", "BRICS") in _triples(events)
    assert not _events("The proposal was accepted.")


def test_events_naming_a_state_a_partner_is_support() -> None:
    assert ("USA", "SUPPORT", "IND") in _triples(_events("In 2016 the United States named India a major defence partner."))
    assert not _events("The United States named a new ambassador.")


def test_events_a_but_clause_with_its_own_subject_is_outside_the_condition() -> None:
    events = _events("If Washington revives the sale, the Emirates could scale back their purchases of Chinese "
                     "equipment, but they will not cut their ties with Beijing.", "2024-10-14")
    cut = [e for e in events if e.mode == "break-relations"]
    assert [(e.actor, e.recipient, e.negated, e.modality) for e in cut] == [("ARE", "CHN", True, "future")]


def test_arguments_refusal_about_the_actor_itself_takes_no_implicit_partner() -> None:
    assert not [e for e in _events("The United States urged Kazakhstan to act. Tokayev has refused to let "
                                   "Kazakhstan become a hub for sanctions evasion.") if e.event == "REJECT"]
    assert ("KAZ", "REJECT", "USA") in _triples(_events("The United States urged Kazakhstan to act. Tokayev has refused."))


def test_events_trigger_deep_inside_an_accusation_is_not_asserted() -> None:
    events = _events("Russia and Turkey talked. The Kremlin accused Turkey of breaking the terms of an "
                     "exchange it had mediated.")
    assert [e.event for e in events if e.actor == "RUS" and e.recipient == "TUR" and e.event != "CONSULT"] == ["ACCUSE"]
    assert not [e for e in events if e.mode == "third-party"]


def test_events_turning_to_a_state_for_arms_lifting_a_veto_and_letting_captives_go() -> None:
    events = _events("If Congress delays the deliveries, Ankara could turn to Moscow again for fighter jets.")
    assert [(e.actor, e.event, e.recipient, e.modality) for e in events] == [("TUR", "COOPERATE", "RUS", "hypothetical")]
    events = _events("In December 2023 Hungary blocked an EU aid package for Ukraine, and it lifted its veto "
                     "only in February 2024.", "2024-07-15")
    assert ("HUN", "CONCEDE", "EUU", "2024-02") in {(e.actor, e.event, e.recipient, e.date) for e in events}
    events = _events("Turkey allowed five Ukrainian commanders to return home in July 2023.", "2024-02-12")
    assert [(e.actor, e.event, e.recipient, e.mode) for e in events] == [("TUR", "RETREAT", "UKR", "release")]


def test_events_first_government_to_buy_asserts_the_purchase() -> None:
    events = _events("That year Budapest became the first EU government to buy China's Sinopharm vaccine.")
    assert ("HUN", "COOPERATE", "CHN") in _triples(events)


def test_references_which_after_a_partner_points_to_the_contract() -> None:
    events = _events("In 2021 Hungary signed a gas contract with Gazprom, which Kyiv denounced as a political "
                     "decision.", "2024-07-15")
    assert ("UKR", "ACCUSE", "HUN") in _triples(events)
    assert ("UKR", "ACCUSE", "RUS") not in _triples(events)


def test_events_repeated_action_takes_the_partner_named_the_first_time() -> None:
    events = _events("The United States called on Rwanda to withdraw its troops from Congolese territory in "
                     "the Democratic Republic of Congo. Rwanda has not withdrawn any forces.", "2022-10-31")
    retreat = [e for e in events if e.event == "RETREAT"]
    assert [(e.actor, e.recipient, e.negated) for e in retreat] == [("RWA", "COD", True)]


def test_events_sentence_ending_in_a_footnote_number_is_not_a_heading() -> None:
    events = _events("The Kremlin accused Kyiv of provocations.4 Moscow later expelled two Ukrainian diplomats.")
    assert {("RUS", "ACCUSE", "UKR"), ("RUS", "SANCTION", "UKR")} <= _triples(events)
    events = _events("In 2018 Turkey bought the S-400 from Russia,5 and Washington imposed sanctions on Ankara in 2020.6")
    assert {(e.actor, e.event, e.recipient, e.date) for e in events} == {
        ("TUR", "COOPERATE", "RUS", "2018"), ("USA", "SANCTION", "TUR", "2020")}


def test_events_drawing_criticism_from_a_state_is_its_accusation() -> None:
    events = _events("Modi's visit to Moscow drew criticism from Washington.", "2024-07-15")
    assert ("USA", "ACCUSE", "IND") in _triples(events)
    assert ("USA", "ACCUSE", "IND") in _triples(_events("India's purchase of Russian oil has drawn criticism "
                                                        "from the United States."))


def test_events_first_of_its_kind_to_visit_asserts_the_visit() -> None:
    events = _events("In 2017, King Salman became the first Saudi monarch to visit Russia.", "2024-07-15")
    assert [(e.actor, e.event, e.recipient) for e in events] == [("SAU", "CONSULT", "RUS")]


def test_events_passive_invitation_to_join_comes_from_the_body_joined() -> None:
    events = _events("Saudi Arabia and the UAE were invited to join BRICS in August 2023.", "2024-07-15")
    assert {(e.actor, e.event, e.recipient) for e in events} == {("BRICS", "REQUEST", "SAU"),
                                                                 ("BRICS", "REQUEST", "ARE")}


def test_events_declared_partnership_is_an_agreement() -> None:
    events = _events("Moscow and Beijing declared a no-limits partnership in February 2022.", "2024-07-15")
    assert [(e.actor, e.event, e.recipient) for e in events] == [("RUS", "AGREE", "CHN")]


def test_events_joining_western_sanctions_does_not_sanction_the_west() -> None:
    assert not [e for e in _events("Hanoi did not join Western sanctions.") if e.recipient in ("WST", "EUR", "EUU")]
    events = _events("Turkey did not join Western sanctions against Russia.")
    assert [(e.actor, e.event, e.recipient, e.negated) for e in events] == [("TUR", "SANCTION", "RUS", True)]


def test_references_condemning_the_invasion_of_ukraine_names_russia() -> None:
    events = _events("Moldova has not joined the Western sanctions against Russia, but has condemned the "
                     "invasion of Ukraine.", "2023-07-29")
    assert ("MDA", "ACCUSE", "RUS", False) in {(e.actor, e.event, e.recipient, e.negated) for e in events}
    events = _events("India has not condemned the war in Ukraine.")
    assert [(e.actor, e.event, e.recipient, e.negated) for e in events] == [("IND", "ACCUSE", "RUS", True)]
    assert not _events("Hungary condemned the invasion of Iraq.")


def test_events_resisting_opposing_and_choosing_not_to() -> None:
    events = _events("Turkey has so far resisted joining the sanctions against Russia.")
    assert [(e.actor, e.event, e.recipient, e.negated) for e in events] == [("TUR", "SANCTION", "RUS", True)]
    assert not _events("Hungary opposes sending weapons to Ukraine.")
    events = _events("Vietnam chose not to condemn Russia.")
    assert [(e.actor, e.event, e.recipient, e.negated) for e in events] == [("VNM", "ACCUSE", "RUS", True)]


def test_events_upgraded_ties_and_joint_statements() -> None:
    events = _events("Vietnam hosted Putin in June 2024, months after it upgraded ties with the United States.",
                     "2024-06-30")
    assert ("VNM", "COOPERATE", "USA") in _triples(events)
    assert ("IND", "AGREE", "CHN") in _triples(_events("India and China issued a joint statement."))
    assert not [e for e in _events("China issued a statement.") if e.event == "AGREE"]


def test_events_clause_before_a_semicolon_is_not_the_next_verbs_complement() -> None:
    events = _events("Modi held talks with Putin at the Kremlin; the two leaders agreed to expand trade.")
    assert {(e.actor, e.event, e.recipient, e.modality) for e in events} == {
        ("IND", "CONSULT", "RUS", "asserted"), ("RUS", "AGREE", "IND", "asserted")}


def test_events_two_leaders_who_spoke_by_phone() -> None:
    events = _events("The Kremlin said Putin and Erdogan had spoken by phone.")
    assert [(e.actor, e.event, e.recipient, e.mode) for e in events] == [("RUS", "CONSULT", "TUR", "phone")]
    assert not _events("Putin spoke at the forum.")


def test_events_hosting_investment_or_tourists_is_no_visit() -> None:
    assert not _events("Egypt also hosts Chinese investment.")
    assert not _events("Turkey hosts Russian tourists.")
    assert ("AFG", "CONSULT", "QAT") in _triples(_events("Qatar hosted a Taliban delegation."))


@pytest.mark.parametrize("text", [
    "Iran offered military aid to Russia.",
    "Japan pledged $500 million in aid to Ukraine.",
    "China promised loans to Pakistan.",
])
def test_events_offer_or_pledge_is_coded_as_an_intent_not_a_signed_deal(text: str) -> None:
    offer = next(e for e in _events(text) if e.event == "AGREE")
    assert offer.cameo is not None and offer.cameo.startswith("03"), (offer.cameo, text)
    assert offer.goldstein is not None and offer.goldstein < 8.0
    signed = next(e for e in _events("India and Russia signed a defence pact.") if e.event == "AGREE")
    assert signed.cameo == "057"


# ---------------------------------------------------------------- held-out check 4

def test_events_reason_for_a_sanction_is_not_the_sanctioner_act() -> None:
    triples = _triples(_events("The United States sanctioned three Chinese companies in October 2023 "
                               "for supplying components to Pakistan's missile programme."))
    assert ("USA", "SANCTION", "CHN") in triples
    assert not any(t[0] == "USA" and t[2] == "PAK" for t in triples)


def test_events_reaction_to_the_decision_is_aimed_at_who_took_it() -> None:
    triples = _triples(_events("The United States sanctioned three Chinese companies in October 2023, "
                               "and Pakistan condemned the decision as politically motivated."))
    assert ("PAK", "ACCUSE", "USA") in triples
    triples = _triples(_events("Washington approved a $450 million package for Pakistan in September 2022. "
                               "India criticised the decision."))
    assert ("IND", "ACCUSE", "USA") in triples


def test_events_strike_on_targets_inside_a_country() -> None:
    triples = _triples(_events("In March 2024 Pakistani jets struck targets inside Afghanistan."))
    assert ("PAK", "ASSAULT", "AFG") in triples


@pytest.mark.parametrize(("text", "triple"), [
    ("Beijing has financed the port in Gwadar for Pakistan.", ("CHN", "AID", "PAK")),
    ("Saudi Arabia deposited another $2 billion with the State Bank of Pakistan.", ("SAU", "AID", "PAK")),
    ("The International Monetary Fund approved a $3 billion loan for Pakistan.", ("IMF", "AID", "PAK")),
    ("Washington approved the sale of 24 fighter jets to Indonesia.", ("USA", "AID", "IDN")),
    ("Indonesia became a full member of BRICS on 6 January 2025.", ("IDN", "COOPERATE", "BRICS")),
    ("In May 2022 Vucic agreed a three-year gas contract with Vladimir Putin.", ("SRB", "AGREE", "RUS")),
])
def test_events_money_membership_and_deal_triggers(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))


def test_events_did_not_telephone_is_a_negated_call() -> None:
    events = _events("President Joe Biden did not telephone Prime Minister Imran Khan during his first year.")
    calls = [e for e in events if e.event == "CONSULT" and {e.actor, e.recipient} == {"USA", "PAK"}]
    assert calls and all(e.negated for e in calls)


def test_events_a_name_holding_a_trigger_noun_is_no_event() -> None:
    events = _events("The European Commission and Serbia signed a memorandum on lithium.")
    assert {e.event for e in events} == {"AGREE"}


def test_events_habitual_flights_are_not_a_visit() -> None:
    events = _events("Air Serbia kept flying to Russian cities long after other carriers had stopped.")
    assert not [e for e in events if e.event == "CONSULT"]


def test_events_the_two_air_forces_are_the_pair() -> None:
    triples = _triples(_events("China supplied frigates to Pakistan in 2021, and the two air forces "
                               "held a joint exercise in late 2020."))
    assert ("PAK", "COOPERATE", "CHN") in triples or ("CHN", "COOPERATE", "PAK") in triples


@pytest.mark.parametrize(("text", "triple"), [
    ("Germany's chancellor, Olaf Scholz, visited Belgrade the following month to press Vucic to align with the bloc.",
     ("DEU", "REQUEST", "SRB")),
    ("The EU imposed measures on Kosovo in June 2023.", ("EUU", "SANCTION", "XKX")),
    ("The Pakistan navy took delivery of four frigates from China in 2021.", ("CHN", "AID", "PAK")),
    ("Serbia applied for membership of the European Union in 2009 and opened accession talks in 2014.",
     ("SRB", "CONSULT", "EUU")),
    ("Malaysia cancelled the rail project with China in 2018.", ("MYS", "SANCTION", "CHN")),
])
def test_events_purpose_delivery_talks_and_measures(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))
