"""The update form under the mistakes and races of real editors."""

import datetime

import pytest
from django.utils import timezone

from tests.test_admin import update_form
from updates.models import Update

pytestmark = pytest.mark.django_db

ADD = "/admin/updates/update/add/"


def form_errors(response) -> dict:
    assert response.status_code == 200, response
    return response.context["adminform"].form.errors


@pytest.mark.parametrize("day", ["9999-12-31", "0999-01-01", "2022-02-23", "2030-01-01"])
def test_a_reported_date_outside_the_war_to_tomorrow_is_a_form_error(editor_client, day):
    errors = form_errors(editor_client.post(ADD, update_form(reported_on=day)))
    assert "outside the dates an update may report on" in str(errors["reported_on"])
    assert not Update.objects.exists()


def test_the_first_day_of_the_war_and_tomorrow_are_accepted(editor_client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for slug, day in [("first", "2022-02-24"), ("tomorrow", tomorrow.isoformat())]:
        response = editor_client.post(ADD, update_form(slug=slug, reported_on=day))
        assert response.status_code == 302
    assert Update.objects.count() == 2


def test_the_earliest_date_is_a_setting(editor_client, settings):
    settings.FRONTLINE_EARLIEST_DATE = "2014-04-06"
    response = editor_client.post(ADD, update_form(reported_on="2015-01-20"))
    assert response.status_code == 302


def test_publishing_without_a_date_is_an_error_on_the_date_field(editor_client):
    errors = form_errors(editor_client.post(ADD, update_form(reported_on="", status="published")))
    assert errors["reported_on"] == ["A published update needs the date it reports on."]
    assert not Update.objects.exists()


def test_a_control_character_typed_in_the_admin_is_a_form_error_and_feeds_stay_up(
    editor_client, client
):
    post = editor_client.post(ADD, update_form(title="Quiet\x01day", body="Nothing\x1b[0m new."))
    errors = form_errors(post)
    assert errors["title"] == ["A control character (U+0001) cannot be stored; remove it."]
    assert errors["body"] == ["A control character (U+001B) cannot be stored; remove it."]
    assert not Update.objects.exists()
    assert client.get("/feeds/latest/").status_code == 200


# -- two editors, one update ---------------------------------------------------------


def change_form(update: Update, **overrides) -> dict:
    """What the change form posts, as the editor's browser got it when it opened it."""
    data = update_form(
        title=update.title,
        slug=update.slug,
        reported_on=update.reported_on.isoformat(),
        body=update.body,
        status=update.status,
        opened_version=str(update.version),
    )
    data.update(overrides)
    return data


def change_url(update: Update) -> str:
    return f"/admin/updates/update/{update.pk}/change/"


def test_the_change_form_carries_the_version_it_was_opened_at(editor_client):
    from tests.conftest import make_update

    update = make_update()
    html = editor_client.get(change_url(update)).content.decode()
    assert f'name="opened_version" value="{update.version}"' in html


def test_the_second_editor_to_save_gets_a_message_and_keeps_their_text(
    client, editor_client, django_user_model
):
    from tests.conftest import make_update

    update = make_update(body="Original text.")
    opened_by_a = change_form(update, body="Alice's rewrite.")
    opened_by_b = change_form(update, body="Bob's rewrite.")

    assert editor_client.post(change_url(update), opened_by_a).status_code == 302

    bob = django_user_model.objects.create_superuser("bob", password="x")
    client.force_login(bob)
    response = client.post(change_url(update), opened_by_b)
    assert response.status_code == 200
    html = response.content.decode()
    assert "editor saved this update at" in html and "Nothing was saved" in html
    assert "Bob&#x27;s rewrite." in html or "Bob's rewrite." in html  # his text is kept
    update.refresh_from_db()
    assert update.body == "Alice's rewrite."


def test_a_stale_form_cannot_republish_an_update_another_editor_unpublished(editor_client):
    from tests.conftest import make_update

    update = make_update()
    stale = change_form(update, body="A typo fixed.")
    response = editor_client.post(
        "/admin/updates/update/", {"action": "unpublish", "_selected_action": [update.pk]}
    )
    assert response.status_code == 302
    response = editor_client.post(change_url(update), stale)
    assert response.status_code == 200 and "Nothing was saved" in response.content.decode()
    update.refresh_from_db()
    assert update.status == Update.Status.DRAFT and update.body != "A typo fixed."


def test_a_form_without_a_version_is_refused(editor_client):
    from tests.conftest import make_update

    update = make_update()
    data = change_form(update, body="Changed.")
    del data["opened_version"]
    assert editor_client.post(change_url(update), data).status_code == 200
    update.refresh_from_db()
    assert update.body != "Changed."


def test_a_reimport_makes_an_open_form_stale(editor_client, tmp_path):
    from updates.importing.service import documents_import

    log = tmp_path / "log.md"
    log.write_text("# Log\n\n## Update 02/02/2023\n\nFirst text.\n")
    documents_import(paths=[log])
    update = Update.objects.get()
    stale = change_form(update, body="Editor's text.")
    log.write_text("# Log\n\n## Update 02/02/2023\n\nSecond text.\n")
    documents_import(paths=[log])
    assert editor_client.post(change_url(update), stale).status_code == 200
    update.refresh_from_db()
    assert update.body == "Second text."


# -- view on site ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Update.Status.DRAFT},
        {"status": Update.Status.DRAFT, "reported_on": None},
        {"published_at": timezone.now() + datetime.timedelta(days=2)},  # scheduled
    ],
)
def test_view_on_site_of_an_unpublished_update_is_the_staff_preview(editor_client, fields):
    from tests.conftest import make_update

    update = make_update(**fields)
    html = editor_client.get(change_url(update)).content.decode()
    preview = f"/preview/{update.pk}/"
    assert f'href="{preview}"' in html and "viewsitelink" in html
    assert editor_client.get(preview).status_code == 200


def test_view_on_site_of_a_published_update_is_its_public_page(editor_client):
    from tests.conftest import make_update

    update = make_update()
    html = editor_client.get(change_url(update)).content.decode()
    assert f'href="{update.get_absolute_url()}"' in html
