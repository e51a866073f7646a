"""Update summaries: the pure summarizer, the importer filling them, lists showing them."""

import datetime
import io

import pytest
from django.core.management import call_command

from tests.conftest import make_update
from updates.importing.summary import MAX_LENGTH, summarize, summary_refresh
from updates.models import Update


def test_summary_joins_the_opening_and_the_sentence_stating_a_change():
    text = (
        "In the past days the front moved little north of the town.\n\n"
        "Artillery kept firing on the road. Russia claimed the capture of Hilltown (1) on "
        "Monday. More below."
    )
    assert summarize(text) == (
        "In the past days the front moved little north of the town. "
        "Russia claimed the capture of Hilltown on Monday."
    )


def test_summary_takes_the_opening_sentence_when_nothing_changed_hands():
    assert summarize("Fighting continues near **Bakhmut**, without changes.\n\nMore.") == (
        "Fighting continues near Bakhmut, without changes."
    )


def test_summary_skips_images_headings_quotes_links_and_post_signatures():
    text = (
        "# Heading line\n"
        "![a map](2023-02-Media/x.png)\n"
        "> Quoted post text that is long enough to count as a sentence here\n"
        "— Someone (@someone) March 6, 2025\n"
        "See [the report](https://example.org/r) for the full assessment of the day.\n"
    )
    assert summarize(text) == "See the report for the full assessment of the day."


def test_summary_is_one_line_of_bounded_length():
    long = "Word " * 100 + "ends here."
    summary = summarize(long)
    assert len(summary) <= MAX_LENGTH
    assert summary.endswith("…")
    assert "\n" not in summary


def test_summary_of_text_without_prose_is_empty():
    assert summarize("![only](a.png)\n\n# A heading") == ""


def test_summary_refresh_keeps_an_editors_own_summary():
    assert (
        summary_refresh(
            summary="Editor wrote this.",
            old_body="Old text here, quite long.",
            new_body="New text, quite long enough.",
        )
        == "Editor wrote this."
    )


def test_summary_refresh_follows_new_text_when_the_summary_was_the_importers():
    old = "Old text here, quite long enough."
    new = "New text here, quite long enough."
    assert summary_refresh(summary=summarize(old), old_body=old, new_body=new) == new


@pytest.mark.django_db
def test_import_fills_summaries_from_the_seed_texts():
    call_command("import_seeds", stdout=io.StringIO())
    update = Update.objects.get(reported_on=datetime.date(2023, 2, 13))
    assert update.summary == (
        "In de afgelopen dagen zijn er enkel veranderingen in het noorden van Bakhmut. "
        "Daar is Rusland erin geslaagd om Krasna Hora onder controle te krijgen."
    )
    assert all(u.summary for u in Update.objects.all())


@pytest.mark.django_db
def test_lists_and_feeds_show_the_summary_instead_of_the_opening(client):
    make_update(
        summary="Hilltown changed hands.",
        body="A long opening paragraph that readers should not see in the list. " * 5,
    )
    for url in ("/", "/updates/", "/updates/2023/02/02/", "/feeds/latest/"):
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200, url
        assert "Hilltown changed hands." in content, url
    home = client.get("/").content.decode()
    assert "A long opening paragraph" not in home


@pytest.mark.django_db
def test_editor_edits_the_summary_in_the_admin(editor_client):
    update = make_update()
    response = editor_client.get(f"/admin/updates/update/{update.pk}/change/")
    assert 'name="summary"' in response.content.decode()
