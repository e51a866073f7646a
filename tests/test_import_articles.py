"""
Article rules the import-fidelity corpus asked for, each on a small text: bylines in their
plain forms, site lines that are not the author's text, and which date dates a document.
"""

import datetime

import pytest

from updates.importing.article import parse_article

PROSE = (
    "Russian forces continued to attack along the whole front line on Monday, the general "
    "staff of Ukraine said in its morning report, and the fighting was heavy."
)
PROZA = (
    "De Russische troepen vielen maandag opnieuw aan langs de hele frontlinie, meldde de "
    "Oekraïense generale staf in het ochtendbericht, en de gevechten waren zwaar."
)
PROZA_UK = (
    "Російські війська в понеділок знову атакували вздовж усієї лінії фронту, повідомив "
    "Генштаб у ранковому зведенні, і бої були важкими."
)


# -- bylines -------------------------------------------------------------------------------


def test_an_anonymous_byline_names_the_correspondent():
    document = parse_article(f"Soedzja heroverd\n\nDoor onze correspondent in Moskou\n\n{PROZA}\n")
    assert document.author == "correspondent in Moskou"
    assert "Door onze correspondent in Moskou" in document.boilerplate
    assert "correspondent" not in document.sections[0].body


@pytest.mark.parametrize(
    ("byline", "prose", "author"),
    [
        ("Sanne Willemsen en Bram de Graaf", PROZA, "Sanne Willemsen, Bram de Graaf"),
        ("Марія Ткаченко", PROZA_UK, "Марія Ткаченко"),
        ("Lucy Harrington, Defence Editor", PROSE, "Lucy Harrington"),
        ("Priya Nair and Jonas Berg", PROSE, "Priya Nair, Jonas Berg"),
    ],
)
def test_a_line_of_names_under_the_headline_is_the_byline(byline, prose, author):
    text = f"Headline of the story\n\n9 August 2023\n\n{byline}\n\n{prose}\n\n{prose}\n"
    document = parse_article(text)
    assert document.author == author
    assert byline in document.boilerplate and byline not in document.sections[0].body


def test_a_byline_above_a_short_story_does_not_end_it():
    text = f"Бої біля Покровська\n\n5 листопада 2024 року\n\nАвтор: Іван Петренко\n\n{PROZA_UK}\n"
    document = parse_article(text)
    assert document.author == "Іван Петренко"
    assert PROZA_UK in document.sections[0].body


@pytest.mark.parametrize(
    "line",
    [
        "Kharkiv, Ukraine",  # a list without "and": a dateline, not authors
        "Key Developments",  # the text writes "key" in lower case: words, not a name
        "Heavy fighting continues near the town of Kupiansk",
    ],
)
def test_lines_that_only_look_like_names_are_no_byline(line):
    text = f"Headline of the story\n\n{line}\n\n{PROSE} The key road was cut.\n"
    document = parse_article(text)
    assert document.author == ""
    assert line in document.sections[0].body


# -- site lines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Discover more",
        "See more stories",
        "This article was amended on 17 May 2022 to correct the name of a battalion.",
        "Dit artikel is aangepast: een eerdere versie noemde een verkeerde datum.",
        "Correction: an earlier version of this story misstated the date.",
        "Tags: Ukraine, Russia, Kharkiv",
        "Replying to @kharkiv_front",
        "Additional reporting by Tom Ashworth",
    ],
)
def test_corrections_tags_and_widget_lines_are_boilerplate(line):
    document = parse_article(f"{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line not in document.sections[0].body
    assert line in document.boilerplate


# -- dates -----------------------------------------------------------------------------------


def test_a_sentence_near_the_top_is_no_dateline():
    text = (
        "Two years of war\n\nRussia invaded Ukraine on 24 February 2022, and the war goes on.\n\n"
        f"{PROSE} Officials said on 23 February 2024 that the front held.\n"
    )
    assert parse_article(text).sections[0].reported_on == datetime.date(2024, 2, 23)


@pytest.mark.parametrize(
    "plan",
    [
        "Donald Trump, who takes office on 20 January 2025, has promised to end the war.",
        "De nieuwe regering treedt aan op 20 januari 2025, in Washington.",
        "Переговори наступного раунду призначено на 20 січня 2025 року.",
    ],
)
def test_a_plan_never_dates_the_document(plan):
    text = f"{PROSE} {plan}\n\n{PROSE} The strike happened on 21 November 2024, officials said.\n"
    assert parse_article(text).sections[0].reported_on == datetime.date(2024, 11, 21)


# -- posts ---------------------------------------------------------------------------------


def test_a_post_of_several_paragraphs_runs_back_to_its_introduction():
    text = (
        f"{PROSE}\n\nA well-known military blogger posted a video of the fighting:\n\n"
        "Heavy fighting north of Kupiansk tonight.\n\n"
        "Our guys held Synkivka and pushed them back.\nGlory to the defenders.\n"
        "— Kupiansk Watch (@kupiansk_watch) May 12, 2024\n\n"
        f"{PROSE}\n\nA short paragraph of the story.\n\n"
        "Situation near Kupiansk remains difficult.\n— Oleh Syniehubov (@syniehubov) May 12, 2024\n"
    )
    section = parse_article(text, language="en").sections[0]
    first, second = section.quoted_posts
    assert first.text.split("\n\n") == [
        "Heavy fighting north of Kupiansk tonight.",
        "Our guys held Synkivka and pushed them back.\nGlory to the defenders.",
    ]
    assert "Heavy fighting north" not in section.body
    assert "posted a video of the fighting:" in section.body
    # Without an introduction the post is its own paragraph only.
    assert second.text == "Situation near Kupiansk remains difficult."
    assert "A short paragraph of the story." in section.body


# -- bylines with several authors, and site lines by kind ----------------------------------

PROSA = (
    "Russland hat in der Nacht zum Montag erneut Ziele im Süden der Ukraine angegriffen, "
    "teilten die Behörden mit, und die Schäden waren groß."
)


@pytest.mark.parametrize(
    ("byline", "prose", "author"),
    [
        (
            "Daniel Mercer, Sofia Lindqvist, and Tomas Rehak with Priya Nandakumar",
            PROSE,
            "Daniel Mercer, Sofia Lindqvist, Tomas Rehak, Priya Nandakumar",
        ),
        ("By Helen Carter in Kyiv and Jonas Weber in London", PROSE, "Helen Carter, Jonas Weber"),
        ("Von Lena Hoffmann und Markus Brandl", PROSA, "Lena Hoffmann, Markus Brandl"),
    ],
)
def test_a_byline_of_several_authors_names_each_without_where_they_wrote(byline, prose, author):
    document = parse_article(f"Headline of the story\n\n{byline}\n\n{prose}\n")
    assert document.author == author
    assert byline in document.boilerplate


def test_reporting_and_editing_credits_name_the_reporters():
    text = (
        f"Headline of the story\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n"
        "Reporting by Marta Kowalczyk in Izium and Daniel Ruiz in Kyiv; Editing by Andrew Hale\n"
    )
    assert parse_article(text).author == "Marta Kowalczyk, Daniel Ruiz"


@pytest.mark.parametrize(
    ("prose", "lines"),
    [
        (PROSE, ["Click here to see the interactive map of the invasion. It is updated daily."]),
        (PROSE, ["Explore more on these topics", "Russia-Ukraine war", "Share", "Reuse this content"]),
        (PROZA, ["Meer over dit onderwerp:", "Oorlog in Oekraïne", "Kernenergie"]),
        (PROZA, ["Bericht vertalen"]),
        (PROSA, ["Mit Material von dpa und Reuters", "Mehr zum Thema", "Alle Entwicklungen im Liveblog", "Zur Startseite"]),
    ],
)  # fmt: skip
def test_site_lines_of_every_kind_are_boilerplate(prose, lines):
    site = "\n".join(lines)
    document = parse_article(f"Headline of the story\n\n{prose}\n\n{site}\n\n{prose}\n")
    assert set(lines) <= set(document.boilerplate)
    assert not any(line in document.sections[0].body for line in lines)


def test_the_writer_of_a_credit_line_is_an_author_and_the_editor_is_not():
    text = (
        f"Headline of the story\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n"
        "Reporting by Marta Kowalczyk in Izium and Daniel Ruiz in Kyiv; Writing by James Harlow;"
        " Editing by Andrew Hale\n"
    )
    assert parse_article(text).author == "Marta Kowalczyk, Daniel Ruiz, James Harlow"


@pytest.mark.parametrize(
    ("prose", "lines"),
    [
        (PROSE, ["May 25, 2024 9:48 PM GMT+3 Updated 2 hours ago"]),
        (PROSE, ["Updated: Aug 5, 2023, 10:12 a.m. ET"]),
        (PROZA, ["Bijgewerkt om 14:05"]),
        (PROSA, ["Stand: 30.12.2023, 22:10 Uhr"]),
        (PROSE, ["Most viewed"]),
        (PROSE, ["Topics"]),
        (PROSE, ["Note: ISW and CTP will not publish a campaign assessment on Easter Sunday, April 20."]),
        (PROSE, ["Olena Marchenko reported from Odesa and Thomas Reed from Istanbul; Editing by Jane Lee"]),
    ],
)  # fmt: skip
def test_timestamps_publisher_notes_and_credits_are_boilerplate(prose, lines):
    site = "\n".join(lines)
    document = parse_article(f"Headline of the story\n\n{prose}\n\n{site}\n\n{prose}\n")
    assert set(lines) <= set(document.boilerplate)


@pytest.mark.parametrize(
    "line",
    [
        "Friday 11 November 2022",  # a dateline, not a timestamp
        "Note: Russian forces advanced near Bakhmut on 14:00.",
        "At 5 pm the shelling resumed.",
    ],
)
def test_a_dateline_or_a_sentence_with_a_time_is_no_timestamp(line):
    from updates.importing.boilerplate import is_timestamp

    assert not is_timestamp(line)
    assert line in parse_article(f"Headline\n\n{PROSE}\n\n{line}\n\n{PROSE}\n").sections[0].body


def test_isw_author_list_of_a_dozen_words_is_the_byline():
    text = (
        "Russian Offensive Campaign Assessment, January 25, 2023\n\n"
        "Riley Bailey, Kateryna Stepanenko, Grace Mappes, Layne Philipson, and Frederick W. Kagan\n\n"
        f"January 25, 2023, 9:15pm ET\n\n{PROSE}\n\n{PROSE}\n"
    )
    document = parse_article(text)
    assert document.author.split(", ")[0] == "Riley Bailey"
    assert "Frederick W. Kagan" in document.author
    assert "Riley Bailey" not in document.sections[0].body


def test_a_photograph_credit_is_boilerplate():
    line = "Photograph: Nina Lyashonok/Reuters"
    document = parse_article(f"Headline\n\n{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line in document.boilerplate


def test_a_line_of_names_at_the_end_is_the_byline_and_headlines_are_not():
    text = (
        f"Blast damages the bridge\n\n{PROSE}\n\n{PROSE}\n\n"
        "Read more: How the bridge became a symbol\n\n"
        "Anna Petrenko in Kyiv and Mark Ellison in Moscow\n\n"
        "Related Articles\n\nKharkiv power station hit in overnight barrage\n"
    )
    document = parse_article(text)
    assert document.author == "Anna Petrenko, Mark Ellison"
    assert "Kharkiv power station hit in overnight barrage" in document.boilerplate
    assert "Anna Petrenko" not in document.sections[0].body


@pytest.mark.parametrize(
    ("byline", "author"),
    [("Olena Kovalchuk, Chernihiv", "Olena Kovalchuk"), ("Kharkiv, Ukraine", "")],
)
def test_a_reporter_and_where_she_wrote_is_a_byline_and_a_place_list_is_not(byline, author):
    document = parse_article(f"Missiles kill 17 in Chernihiv\n\n{byline}\n\n{PROSE}\n\n{PROSE}\n")
    assert document.author == author


def test_a_byline_under_a_long_headline_is_found():
    text = (
        "Russian missiles kill 17 in Chernihiv as Zelenskiy says city lacked air defence\n\n"
        f"Olena Kovalchuk, Chernihiv\n\nUpdated 3 hours ago\n\n{PROSE}\n\n{PROSE}\n"
    )
    assert parse_article(text).author == "Olena Kovalchuk"


def test_a_dateline_without_a_year_takes_the_year_of_the_story():
    text = (
        "Second missile hit rescuers in Pokrovsk strike\n\nBy Marta Hrynko\n\n"
        "POKROVSK, Ukraine, Aug 8 - Rescue workers pulled the last bodies from the ruins on"
        " Tuesday, after two missiles struck 40 minutes apart on Monday evening.\n\n"
        "The governor said on August 7, 2023 that nine people had been killed.\n"
    )
    assert parse_article(text).sections[0].reported_on == datetime.date(2023, 8, 8)


@pytest.mark.parametrize("byline", ["By Guardian staff and agencies", "By Reuters staff"])
def test_a_newsrooms_byline_names_no_author_and_is_boilerplate(byline):
    document = parse_article(f"Drones hit three refineries\n\n{byline}\n\n{PROSE}\n\n{PROSE}\n")
    assert document.author == "" and byline in document.boilerplate


def test_an_agency_credited_for_the_reporting_is_no_author():
    text = (
        f"Headline\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nReporting by Reuters; Editing by Mark Lee\n"
    )
    assert parse_article(text).author == ""


@pytest.mark.parametrize(
    "line",
    [
        "Published 19 November 2025",
        "Image caption: Smoke rises from a residential building hit in Ternopil. Getty Images",
        "Afbeelding: Reddingswerkers doorzoeken het puin van de flat. Reuters",
    ],
)
def test_publication_lines_and_image_captions_are_boilerplate(line):
    document = parse_article(f"Headline of the story\n\n{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line in document.boilerplate


def test_a_related_topics_block_is_boilerplate():
    text = f"Headline\n\n{PROSE}\n\nRelated Topics\nWar in Ukraine\nRussia\n"
    document = parse_article(text)
    assert {"Related Topics", "War in Ukraine", "Russia"} <= set(document.boilerplate)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Door onze redacteur buitenland Arnout Brouwers", "Arnout Brouwers"),
        ("Pjotr Sauer and agencies", "Pjotr Sauer"),
    ],
)
def test_a_byline_with_a_role_or_agencies_names_the_journalist(byline, author):
    document = parse_article(f"Drones treffen vliegbasis\n\n{byline}\n\n{PROSE}\n\n{PROSE}\n")
    assert document.author == author and byline in document.boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Gambrell reported from Kyiv, Ukraine.",
        "Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine",
        "Dieses Thema im Programm: Tagesschau, 07.11.2023 07:00 Uhr",
    ],
)
def test_agency_credits_and_programme_lines_are_boilerplate(line):
    document = parse_article(f"Headline of the story\n\n{PROSE}\n\n{PROSE}\n\n{line}\n")
    assert line in document.boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Updated 5:41 PM EDT, Sat August 19, 2023",
        "First published on Sunday 5 January 2025 15.31 GMT",
        "[Image: Grainy footage released by Ukraine's military intelligence shows the attack]",
        "Emergency workers at the scene in Chernihiv on August 19. Serhii Nuzhnenko/Reuters",
        "CNN's Kostan Nechyporenko contributed reporting.",
    ],
)
def test_stamps_captions_and_contributions_of_more_sites_are_boilerplate(line):
    document = parse_article(f"Headline of the story\n\n{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line in document.boilerplate


def test_a_byline_above_a_long_block_of_site_links_is_found():
    site = "Explore more on these topics\nUkraine war\nVolodymyr Zelenskyy\nEurope\n\nShare\nReuse this content\n\nMost viewed"
    text = f"Headline\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nDan Sabbagh and Pjotr Sauer\n\n{site}\n"
    assert parse_article(text).author == "Dan Sabbagh, Pjotr Sauer"


def test_a_thread_copied_from_x_is_read_as_its_posts():
    thread = (
        "Thread: morning missile attack on Lviv\n\n"
        "Lviv Now\n@lviv_now\nSep 4, 2024\n1/ Explosions in Lviv just after 5am.\n"
        "Reports of fires near the railway station.\n\n"
        "Marta Hnatiuk\n@marta_hnat\nSep 4, 2024\nReplying to @lviv_now\n"
        "Windows out on our whole street.\n\n"
        "Lviv Now\n@lviv_now\nSep 4, 2024\n2/ At least 7 dead.\n\nShow more replies\n"
    )
    section = parse_article(thread).sections[0]
    posts = section.quoted_posts
    assert [p.handle for p in posts] == ["lviv_now", "marta_hnat", "lviv_now"]
    assert posts[0].text.splitlines() == [
        "1/ Explosions in Lviv just after 5am.",
        "Reports of fires near the railway station.",
    ]
    assert section.reported_on == datetime.date(2024, 9, 4)
    assert "@lviv_now" not in section.body.replace("(@lviv_now)", "")


@pytest.mark.parametrize(
    "line",
    ["July 22, 2024, 8:20pm ET", "Save", "Deel dit artikel:", "Facebook | X | WhatsApp"],
)
def test_isw_times_save_buttons_and_share_bars_are_boilerplate(line):
    document = parse_article(f"Headline of the story\n\n{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line in document.boilerplate


def test_the_headlines_under_read_more_are_boilerplate():
    text = f"Headline\n\n{PROSE}\n\nRead more:\nUkraine says it is almost ready\n\n{PROSE}\n"
    assert "Ukraine says it is almost ready" in parse_article(text).boilerplate


def test_a_thread_copied_from_x_keeps_its_number_of_lines():
    from updates.importing.posts import signed_posts as _signed_posts

    lines = "Lviv Now\n@lviv_now\nSep 4, 2024\n1/ Explosions.\n\nLviv Now\n@lviv_now\nSep 4, 2024\n2/ Fires.".split(
        "\n"
    )
    signed = _signed_posts(["Thread", *lines])
    assert len(signed) == len(lines) + 1
    assert signed[1:3] == ["1/ Explosions.", "— Lviv Now (@lviv_now) Sep 4, 2024"]


def test_one_post_copied_from_x_into_an_article_is_a_post():
    text = (
        f"Headline of the story\n\n{PROSE}\n\nIn a post on X, the agency wrote:\n\n"
        "Security Service of Ukraine\n@ServiceSsu\nJun 3, 2025\n"
        "The bridge was hit for the third time.\nIts supports are damaged.\n\n"
        f"{PROSE}\n"
    )
    (post,) = parse_article(text, language="en").sections[0].quoted_posts
    assert post.handle == "ServiceSsu"
    assert post.author_name == "Security Service of Ukraine"
    assert post.text.splitlines() == [
        "The bridge was hit for the third time.",
        "Its supports are damaged.",
    ]


def test_the_byline_and_the_agency_credits_name_the_authors_together():
    text = (
        f"Headline of the story\n\nBy Jane Doe and John Roe\n\n{PROSE}\n\n{PROSE}\n\n"
        "Reporting by Jane Doe in Kyiv; Editing by John Roe\n"
    )
    assert parse_article(text).author == "Jane Doe, John Roe"
    # Credits in brackets, an agency reporting: who wrote it is the author.
    wire = (
        f"Headline of the story\n\n{PROSE}\n\n{PROSE}\n\n"
        "(Reporting by Reuters; Writing by Lidia Kelly; Editing by William Mallard)\n"
    )
    document = parse_article(wire)
    assert document.author == "Lidia Kelly"
    assert "Mallard" not in document.sections[0].body


def test_a_french_article_has_its_byline_date_and_furniture_read():
    text = (
        "Guerre en Ukraine : un dépôt pétrolier en feu\n\nPar Claire Moreau\n"
        "Publié le 08 janvier 2025 à 11h02, modifié à 15h47\n\nLecture 3 min.\n\n"
        "Partager sur Facebook\nEnvoyer par e-mail\n\n"
        f"{PROSE}\n\nLire aussi : En Russie, les raffineries prises pour cibles\n\n"
        "Légende : Le dépôt en feu, le 8 janvier 2025.\n\n"
        "Cet article vous est offert. Abonnez-vous pour lire la suite.\n\n"
        "Sur le même sujet\nUkraine : Zelensky appelle les Occidentaux à agir\n"
    )
    document = parse_article(text)
    assert document.author == "Claire Moreau"
    assert document.sections[0].reported_on == datetime.date(2025, 1, 8)
    body = document.sections[0].body
    for line in ("Publié", "Lecture", "Partager", "Envoyer", "Lire aussi", "Légende",
                 "Abonnez", "même sujet", "Zelensky"):  # fmt: skip
        assert line not in body, line


def test_a_german_date_with_a_full_stop_after_the_day():
    text = f"Stand: 20. März 2025, 14:00 Uhr\n\n{PROSE}\n"
    assert parse_article(text).sections[0].reported_on == datetime.date(2025, 3, 20)


def test_a_thread_with_one_line_headers_keeps_every_post():
    text = (
        "Thread\n\nFront Watch @front_watch · Feb 18, 2025\n1/ Fighting near the town.\n"
        "Second line of the first post.\n\n"
        "Olha K. @olha_k · Feb 18, 2025\nReplying to @front_watch\nNo water since autumn.\n\n"
        "Front Watch @front_watch · Feb 18, 2025\n2/ The road north is the lifeline now.\n"
    )
    posts = [p for s in parse_article(text, language="en").sections for p in s.quoted_posts]
    assert [(p.handle, p.text.splitlines()[0]) for p in posts] == [
        ("front_watch", "1/ Fighting near the town."),
        ("olha_k", "No water since autumn."),
        ("front_watch", "2/ The road north is the lifeline now."),
    ]
    assert posts[0].text.splitlines()[1] == "Second line of the first post."


@pytest.mark.parametrize(
    "line",
    [
        "Share this article: Facebook | X | LinkedIn | Email",
        "Share:  Copy Link  Email  Facebook  X  Reddit",
        "We use cookies to improve your experience. By continuing to browse you accept them.",
        "Джерело: Харківська ОВА",
        "Photo caption: A damaged house in Grayvoron, Belgorod region, on March 12.",
        "Associated Press writers in Kyiv and Tallinn contributed to this report.",
        "Подобається · Коментувати · Поширити",
        "For further information, please contact:",
        "OCHA Ukraine Public Information Unit, press@example.org",
        "www.example.org/ukraine | reliefweb.int",
        "This Flash Update is produced by OCHA Ukraine in collaboration with partners.",
        "WhatsApp  Facebook  LinkedIn  Mail",
        "Buitenlandredactie",
        "Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung zu ermöglichen.",
        "Artikel teilen",
        "World | Europe | Ukraine",
        "Startseite > Politik > Ausland > Krieg in der Ukraine",
        "Ministry of Defence of the Russian Federation | Press release | 22.10.2025",
        "Share on Facebook | Share on Twitter | Share via Email",
        "Sdílet na Facebooku | Sdílet na X | Kopírovat odkaz",
        "Deze website gebruikt cookies. Lees meer in onze cookieverklaring. Akkoord",
        "Wij en onze partners gebruiken cookies om je een betere ervaring te bieden.",
        "Stand: 17.05.2025, 13:25 Uhr | Lesezeit: 3 Min.",
        "9. 10. 2022, 10:48 | aktualizováno 9. 10. 2022, 15:20",
        "Čtěte také: Výbuch na Krymském mostě: co víme o útoku",
        "Přihlaste se k odběru našeho newsletteru",
        "We do not report in detail on Russian war crimes because those activities are covered.",
        "Skip to main content",
        "Buitenland",
        "Fot. Zniszczony budynek w Sudży, 13 sierpnia 2024 r. / PAP/EPA",
    ],
)
def test_more_site_furniture_is_boilerplate(line):
    document = parse_article(f"{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line.split()[0] not in document.sections[0].body.replace(PROSE, "")
    assert line.strip() in document.boilerplate


def test_a_telegram_channel_export_is_a_thread_of_the_channels_posts():
    text = (
        "Energy Live\n@energy_live\nChannel history export, 10.10.2022\n\n"
        "Energy Live, [10.10.2022 08:41]\nStrong explosions in Kyiv.\n\n"
        "Energy Live, [10.10.2022 09:15]\nA power plant in Ladyzhyn was hit.\nFires are out.\n"
    )
    posts = [p for s in parse_article(text, language="en").sections for p in s.quoted_posts]
    assert [(p.handle, p.posted_on, p.text) for p in posts] == [
        ("energy_live", datetime.date(2022, 10, 10), "Strong explosions in Kyiv."),
        ("energy_live", datetime.date(2022, 10, 10), "A power plant in Ladyzhyn was hit.\nFires are out."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("header_date", "day"),
    [
        ("1 okt. 2022", datetime.date(2022, 10, 1)),
        ("3 апр. 2022 г.", datetime.date(2022, 4, 3)),
        ("12 janv. 2024", datetime.date(2024, 1, 12)),
    ],
)
def test_a_post_dated_with_an_abbreviated_month(header_date, day):
    text = f"{PROSE}\n\nSome Body\n@somebody\n{header_date}\nThe line of the post.\n\n{PROSE}\n"
    (post,) = parse_article(text).sections[0].quoted_posts
    assert post.posted_on == day


def test_a_polish_articles_furniture_is_boilerplate():
    text = (
        f"Aktualizacja: 13.01.2023, 19:30\n\nUdostępnij\n\n{PROSE}\n\n"
        "Czytaj także: Co oznacza upadek Sołedaru\n\n(PAP)\n\n"
        "Ta strona używa plików cookies. Korzystając z niej, wyrażasz zgodę.\n"
    )
    body = parse_article(text).sections[0].body
    for line in ("Aktualizacja", "Udostępnij", "Czytaj", "(PAP)", "cookies"):
        assert line not in body, line


def test_italian_and_spanish_articles_have_their_byline_date_and_furniture_read():
    italian = (
        "Ucraina, colpiti gli aeroporti di Berdiansk\n\ndi Giulia Ferraresi\n\n"
        f"17 ottobre 2023 - 19:42\n\nCondividi\n\n{PROSE}\n\nLEGGI ANCHE\n"
        "Guerra in Ucraina, l'assedio continua\n"
    )
    document = parse_article(italian)
    assert document.author == "Giulia Ferraresi"
    assert document.sections[0].reported_on == datetime.date(2023, 10, 17)
    for line in ("Condividi", "LEGGI", "assedio", "19:42"):
        assert line not in document.sections[0].body, line
    spanish = (
        f"Moscú, 1 de diciembre de 2025\n\nPor Ana García\n\n{PROSE}\n\n"
        "Relacionado: Ucrania ataca de nuevo la refinería\n\nEtiquetas: Rusia · Ucrania\n"
    )
    document = parse_article(spanish)
    assert document.author == "Ana García"
    assert document.sections[0].reported_on == datetime.date(2025, 12, 1)
    assert "Relacionado" not in document.sections[0].body
    assert "Etiquetas" not in document.sections[0].body


def test_a_channels_posts_under_its_name_after_the_days_date():
    text = (
        "North Wind | Z\n@north_wind_z\n12 480 subscribers\n\n1 July 2025\n\n"
        "North Wind | Z\nThe village is ours after 38 days.\n👁 41.3K  08:14\n\n"
        "North Wind | Z\nFighting goes on near the border.\n👁 29.4K  edited  14:20\n"
    )
    posts = [p for s in parse_article(text, language="en").sections for p in s.quoted_posts]
    assert [(p.handle, p.posted_on, p.text) for p in posts] == [
        ("north_wind_z", datetime.date(2025, 7, 1), "The village is ours after 38 days."),
        ("north_wind_z", datetime.date(2025, 7, 1), "Fighting goes on near the border."),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Russian forces attacked Bakhmut / Artemivsk from the east and were pushed back.",
        "Krasna Hora / Paraskoviivka",
        "The Russians left cookies and tea in the abandoned dugout near the village.",
    ],
)
def test_lines_that_only_look_like_furniture_stay(line):
    document = parse_article(f"{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line in document.sections[0].body


def test_a_pages_running_header_and_footer_are_boilerplate():
    page = "Institute for the Study of War & Critical Threats 2022"
    text = "\n\n".join(
        f"{page}\n\n{PROSE}\n\nwww.understandingwar.org        {number}" for number in (1, 2, 3)
    )
    document = parse_article(text)
    body = document.sections[0].body
    assert "understandingwar" not in body and page not in body
    assert body.count(PROSE) == 3


def test_a_threads_alike_signatures_are_no_running_lines():
    post = "Fighting near the village today.\n— Front Watch (@frontwatch) May 12, 2024"
    text = f"{PROSE}\n\n" + "\n\n".join([post] * 3) + f"\n\n{PROSE}\n"
    assert len(parse_article(text, language="en").sections[0].quoted_posts) == 3


def test_a_post_as_x_embeds_it_with_its_date_under_the_text():
    text = (
        f"{PROSE}\n\nA reporter posted photographs from the scene:\n\n"
        "Olena Marchuk\n@olena_marchuk_dn\nEight apartment blocks damaged.\n"
        "People are sweeping glass.\n7:58 AM · Mar 7, 2025\n\n"
        f"{PROSE}\n"
    )
    (post,) = parse_article(text, language="en").sections[0].quoted_posts
    assert (post.handle, post.author_name, post.posted_on) == (
        "olena_marchuk_dn",
        "Olena Marchuk",
        datetime.date(2025, 3, 7),
    )
    assert post.text.splitlines() == [
        "Eight apartment blocks damaged.",
        "People are sweeping glass.",
    ]


def test_a_date_line_above_the_story_and_a_rule_below_it_are_furniture():
    text = (
        f"Headline of the story\n\nBy Jane Doe and John Roe\n\nApril 8, 2022\n\n{PROSE}\n\n"
        f"___\n\n{PROSE}\n\nFriday 11 November 2022\n\n{PROSE}\n"
    )
    document = parse_article(text)
    assert {"April 8, 2022", "___"} <= set(document.boilerplate)
    body = document.sections[0].body
    assert "April 8, 2022" not in body and "___" not in body
    assert "Friday 11 November 2022" in body  # a day of a live blog, below the story's start
    assert document.sections[0].reported_on == datetime.date(2022, 4, 8)


def test_partner_news_a_cyrillic_cookie_notice_and_a_wire_credit_are_furniture():
    site = [
        "Новини партнерів",
        "Синоптики попередили про ожеледицю на дорогах",
        "Що зміниться для пенсіонерів з 1 січня",
    ]
    text = (
        f"Headline of the story\n\nBy OKSANA VOLYNETS\nAssociated Press\n\n{PROSE}\n\n"
        + "\n".join(site)
        + "\n\nМи використовуємо файли cookie. Продовжуючи перегляд сайту, ви погоджуєтеся.\n"
    )
    document = parse_article(text)
    assert {*site, "Associated Press"} <= set(document.boilerplate)
    assert "cookie" not in document.sections[0].body


def test_a_news_sites_lower_case_byline_caption_and_plea_are_furniture():
    text = (
        "Home / News / Ukraine war\n\nUkrainian troops withdraw from a village\n\n"
        "by Maryna Lytvyn\nJuly 28, 2024 2:51 PM · 3 min read\n\n"
        "Ukrainian soldiers fire a howitzer in Kharkiv Oblast. (Photo: 14th Brigade / Facebook)\n\n"
        f"{PROSE}\n\nA damaged house after a drone attack. (Oblast Military Administration / "
        f"Telegram)\n\n{PROSE}\n\nWe've been working hard to bring you independent news from "
        "Ukraine. Consider supporting us.\n\nWeitere Antworten anzeigen\n"
    )
    document = parse_article(text)
    assert document.author == "Maryna Lytvyn"
    body = document.sections[0].body
    for gone in ("howitzer", "damaged house", "Consider supporting", "Weitere Antworten"):
        assert gone not in body


def test_a_channel_export_keeps_every_paragraph_of_each_post():
    text = (
        "Запорізька ОВА\n@zoda_gov_ua\n187 402 підписники\n\n23 листопада 2022\n\n"
        "Запорізька ОВА\nВночі окупанти випустили ракети по Вільнянську.\n\n"
        "Загинула новонароджена дитина.\n\nГоре неймовірне.\n👁 214K  06:48\n\n"
        "Запорізька ОВА\nУ громаді оголошено день жалоби.\n\nЛікарню зруйновано.\n"
        "👁 143K  10:27\n"
    )
    document = parse_article(text)
    posts = document.sections[0].quoted_posts
    assert [p.text.count("\n") for p in posts] == [2, 1]
    assert "Загинула новонароджена дитина." in posts[0].text
    assert {"187 402 підписники", "23 листопада 2022"} <= set(document.boilerplate)


@pytest.mark.parametrize(
    ("header", "byline", "author"),
    [
        ("BBC\nHome | News | Sport | Business | Culture\nEurope", "Hugh Atkinson & Alina Kovalenko\nBBC News", "Hugh Atkinson, Alina Kovalenko"),
        ("RFE/RL\nUkraine | Russia | Central Asia | Europe\nRussia's War On Ukraine", "By RFE/RL's Ukrainian Service", ""),
    ],
)  # fmt: skip
def test_a_masthead_block_and_a_newsroom_under_the_names_are_furniture(header, byline, author):
    text = (
        f"{header}\n\nRescuers dig through rubble in Chasiv Yar\n\n19 August 2024\n\n{byline}\n\n"
        f"{PROSE}\n\n{PROSE}\n\nbur-ach/oc\n"
    )
    document = parse_article(text)
    assert document.title == "Rescuers dig through rubble in Chasiv Yar"
    assert document.author == author
    assert set(header.splitlines()) | {"bur-ach/oc"} <= set(document.boilerplate)
    assert "BBC News" not in document.sections[0].body


def test_isws_press_date_line_is_furniture():
    document = parse_article(
        f"Aug 10, 2022 - Press ISW\n\nRussian Offensive Campaign Assessment, August 10\n\n{PROSE}\n"
    )
    assert "Aug 10, 2022 - Press ISW" in document.boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Поділитися: Facebook | Telegram | Viber | Скопіювати посилання",
        "Auch lesen: Nach dem Dammbruch: Cherson kämpft mit dem Hochwasser",
        "Explore more on these topics: Ukraine | Russia | Europe",
        "Share | Reuse this content",
        "Бий окупанта! Разом — до перемоги! 🇺🇦",
        "Новини Суспільного — також у Telegram. Підписуйтеся!",
    ],
)
def test_more_site_furniture_in_ukrainian_german_and_english(line):
    document = parse_article(f"Headline of the story\n\n{PROSE}\n\n{line}\n\n{PROSE}\n")
    assert line in document.boilerplate
    assert line not in document.sections[0].body


def test_a_ukrainian_related_news_block_is_furniture():
    text = (
        f"Заголовок новини\n\n{PROSE}\n\nНовини за темою\n- Удари по НПЗ: як дрони змінюють "
        f"війну\n- Блекаут у Харкові: скільки триватиме відновлення\n\n{PROSE}\n"
    )
    body = parse_article(text).sections[0].body
    assert "Удари по НПЗ" not in body and "Блекаут" not in body
