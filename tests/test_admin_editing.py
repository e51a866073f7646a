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
