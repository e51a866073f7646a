"""
Namesakes told apart by what the text says around them: a namesake it rules out, a place
it calls a village, a distance after a map number, and the region a list of places lies in.
"""

import pytest

from updates.importing.places import find_mentions, load_gazetteer
from updates.importing.resolve import resolve_document


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def linked(text, gazetteer):
    (places,), _ = resolve_document([(text, find_mentions(text, gazetteer))], gazetteer)
    return [(p.written, p.candidate.region) for p in places if p.candidate]


@pytest.mark.parametrize(
    "text",
    [
        "Lyman (1) is vrij. Het gaat om het spoorwegknooppunt in het noorden van de oblast "
        "Donetsk, niet om het dorp Lyman in de regio Charkiv.",
        "Lyman (1) is free again. This is the railway hub of Donetsk oblast, not the small "
        "village of Lyman in the Kharkiv region.",
        "Lyman (1) ist befreit, nicht das gleichnamige Dorf Lyman im Gebiet Charkiw.",
    ],
)
def test_a_namesake_the_text_rules_out_lends_the_place_no_region(text, gazetteer):
    lymans = [region for written, region in linked(text, gazetteer) if written == "Lyman"]
    assert lymans == ["Donetsk Oblast"]


def test_a_place_said_to_have_nothing_to_do_with_another_name_is_still_named(gazetteer):
    text = (
        "Zaporizke (8) is a hamlet of about a hundred people; it has nothing to do with the "
        "city of Zaporizhzhia, a hundred kilometres to the west."
    )
    assert ("Zaporizhzhia", "Zaporizhzhia Oblast") in linked(text, gazetteer)


def test_the_same_name_said_to_be_unrelated_is_the_namesake_ruled_out(gazetteer):
    text = (
        "Op een foto uit Hrekivka (4), in het westen van de oblast Loehansk, hangt een "
        "vlag. Ook in Makiivka (5) meldt de 95e brigade Oekraïense soldaten. Het heeft "
        "niets te maken met de grote mijnstad Makiivka naast Donetsk."
    )
    makiivkas = [r for written, r in linked(text, gazetteer) if written == "Makiivka"]
    assert makiivkas == ["Luhansk Oblast"]


@pytest.mark.parametrize(
    "text",
    [
        "Ook in Makiivka (5), een dorp aan de rivier de Zjerebets, zijn Oekraïense soldaten.",
        "Ukrainian troops entered the village of Makiivka on the Zherebets.",
        "Українські військові зайшли в село Макіївка на річці Жеребець.",
    ],
)
def test_a_place_the_text_calls_a_village_is_not_the_city_of_that_name(text, gazetteer):
    regions = {region for _written, region in linked(text, gazetteer)}
    assert "Donetsk Oblast" not in regions
    assert "Luhansk Oblast" in regions


def test_a_city_stays_the_city_where_nothing_calls_it_a_village(gazetteer):
    text = "Shelling hit Makiivka and Horlivka overnight, the occupation authorities said."
    assert ("Makiivka", "Donetsk Oblast") in linked(text, gazetteer)


def test_a_distance_after_a_map_number_is_read(gazetteer):
    text = "Makiivka (1), 26 km ten noordwesten van Kreminna (2), is heroverd."
    assert ("Makiivka", "Luhansk Oblast") in linked(text, gazetteer)


@pytest.mark.parametrize(
    "text",
    [
        "Ворог обстріляв Невське та Макіївку на Луганщині.",
        "Обстріляно Макіївку у Луганській області.",
    ],
)
def test_the_region_after_a_list_is_the_lists(text, gazetteer):
    assert ("Макіївку", "Luhansk Oblast") in linked(text, gazetteer)


def test_a_lists_region_is_not_forced_on_a_name_it_cannot_hold(gazetteer):
    """Dovhenke lies just across the oblast line: the list's region does not unlink it."""
    text = (
        "Dovhenke is free. South of Dovhenke, Dolyna and Bohorodychne in Donetsk oblast were "
        "the other two anchors of that defence, near Izium."
    )
    assert ("Dovhenke", "Kharkiv Oblast") in linked(text, gazetteer)


def test_a_footnote_mark_ends_a_sentence():
    """ISW's "….[9] Next sentence": the region of one sentence is no hint in the next."""
    from updates.importing.hints import sentence_bounds

    text = (
        "Attacks near Torske (Donetsk Oblast).[9] Milbloggers claimed attacks near Makiivka "
        "(22km northwest of Kreminna).[10][11] The General Staff said little."
    )
    start, end = sentence_bounds(text, text.index("Makiivka"))
    assert (
        text[start:end] == "Milbloggers claimed attacks near Makiivka (22km northwest of Kreminna)"
    )
