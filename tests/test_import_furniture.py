"""
A saved page's furniture around the story: the masthead and its menu, the section label
above the headline, a channel export's header, a post's counters, a writer's note and a
credited caption. None of it is the story's text.
"""

import pytest

from tests.test_import_articles import PROSE, PROZA
from updates.importing.article import parse_article


def test_a_section_label_in_capitals_is_not_the_headline():
    text = (
        "THE EASTERN FRONT REVIEW\nReporting from Donbas since 2015\n"
        "News | Frontline | Kramatorsk | Opinion\nLog in    Subscribe\n\nFRONTLINE\n\n"
        "Lyman exhumes its dead a week after the Russian retreat\n\nBy Oksana Tkachuk\n\n"
        f"{PROSE}\n"
    )
    (section,) = parse_article(text).sections
    assert section.title == "Lyman exhumes its dead a week after the Russian retreat"
    assert "FRONTLINE" not in section.body and "EASTERN FRONT" not in section.body


def test_a_menu_set_apart_by_wide_spaces_takes_the_masthead_and_the_label_with_it():
    text = (
        "Het Zuiderhuis\nOnafhankelijk nieuws over Oost-Europa\n"
        "Home  Oorlog in Oekraïne  Rusland  Kaukasus  Opinie  Podcast\nInloggen | Abonneren\n\n"
        "Oorlog in Oekraïne\n\nRussische drones jagen op burgers langs de Dnipro\n\n"
        f"{PROZA}\n"
    )
    (section,) = parse_article(text).sections
    assert section.title == "Russische drones jagen op burgers langs de Dnipro"
    for furniture in ("Zuiderhuis", "Onafhankelijk", "Kaukasus", "Inloggen", "Oorlog in"):
        assert furniture not in section.body, furniture


def test_a_short_headline_above_its_deck_stays_the_headline():
    text = (
        "Kherson liberated\n\nUkrainian troops enter the city as Russia completes its "
        f"withdrawal\n\n{PROSE}\n"
    )
    assert parse_article(text).sections[0].title == "Kherson liberated"


def test_a_channel_exports_header_is_not_the_story():
    text = (
        "Луганська ОВА\nОфіційний канал Луганської обласної військової адміністрації\n"
        "Експорт каналу · 17.10.2024\n\n"
        "Луганська ОВА @luhanska_ova · 17.10.2024 08:05\n"
        "Протягом минулої доби ворог 9 разів намагався прорвати оборону наших військ.\n"
        "Усі атаки відбито.\n"
    )
    document = parse_article(text)
    texts = [document.sections[0].body] + [p.text for p in document.sections[0].quoted_posts]
    joined = "\n".join(texts)
    assert "Протягом минулої доби" in joined
    assert "Офіційний канал" not in joined and "Експорт" not in joined


@pytest.mark.parametrize(
    "line",
    [
        "48 replies · 1,932 reposts · 6,410 likes",
        "💬 41   🔁 388   ❤️ 1.9K",
        "Сохранено 27.05.2025 22:10",
        "Oksana Tkachuk is a correspondent for The Eastern Front Review based in Kramatorsk.",
        "Kateryna Lozova is a staff correspondent covering northern Ukraine.",
        "Ein zerstörtes Gebäude der Militäreinheit in Ochtyrka. Foto: Reuters",
    ],
)
def test_counters_notes_and_credited_captions_are_boilerplate(line):
    body = parse_article(f"Headline\n\n{PROSE}\n\n{line}\n\n{PROSE}\n").sections[0].body
    assert line not in body


@pytest.mark.parametrize(
    "line",
    [
        "Zelensky is a former comedian who became president in 2019.",
        "3 killed, 12 wounded in the shelling of Kherson overnight.",
    ],
)
def test_prose_like_a_note_or_a_count_is_kept(line):
    body = parse_article(f"Headline\n\n{PROSE}\n\n{line}\n\n{PROSE}\n").sections[0].body
    assert line in body


def test_a_threads_counters_leave_every_line_of_its_posts():
    text = (
        "Thread by @luhansk_mapper (saved from X)\n\n"
        "Taras Hnatiuk @luhansk_mapper · Mar 16, 2023, 9:12 AM\n"
        "1/ Another week of Russian assaults on Bilohorivka.\n"
        "Quick thread on where this is and why it keeps coming up\n"
        "💬 41   🔁 388   ❤️ 1.9K\n\n"
        "Taras Hnatiuk @luhansk_mapper · Mar 16, 2023, 9:20 AM\n"
        "2/ Which Bilohorivka? The village on the Siverskyi Donets.\n"
        "💬 12   🔁 205   ❤️ 1.1K\n"
    )
    posts = [p for s in parse_article(text, language="en").sections for p in s.quoted_posts]
    assert [p.text.splitlines() for p in posts] == [
        [
            "1/ Another week of Russian assaults on Bilohorivka.",
            "Quick thread on where this is and why it keeps coming up",
        ],
        ["2/ Which Bilohorivka? The village on the Siverskyi Donets."],
    ]
