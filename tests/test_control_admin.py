import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from control.models import AreaLayer, Basis, ControlObservation, Origin, Review, Status
from control.services import statuses_on
from tests.conftest import make_place, make_source, make_update
from tests.test_admin import management, update_form

pytestmark = pytest.mark.django_db

D = datetime.date


def suggestion(place, update, **fields):
    values = {
        "observed_on": D(2023, 2, 13),
        "status": Status.RUSSIA,
        "basis": Basis.CLAIMED,
        "review": Review.SUGGESTED,
        "origin": Origin.TEXT,
        "sentence": "Daar is Rusland erin geslaagd om Krasna Hora (1) onder controle te krijgen.",
    }
    values.update(fields)
    return ControlObservation.objects.create(place=place, update=update, **values)


def test_editors_accept_and_reject_suggestions_from_the_list(editor_client):
    update = make_update()
    accepted = suggestion(make_place("Krasna Hora"), update)
    rejected = suggestion(make_place("Sudzha"), update)
    listing = editor_client.get("/admin/control/controlobservation/?review__exact=suggested")
    assert listing.status_code == 200
    assert (
        "Krasna Hora" in listing.content.decode() and "onder controle" in listing.content.decode()
    )

    response = editor_client.post(
        "/admin/control/controlobservation/",
        {"action": "accept", "_selected_action": [accepted.pk]},
        follow=True,
    )
    assert "1 observation accepted." in response.content.decode()
    # The kept periods followed the action: the map and changes read Krasna Hora's status.
    assert statuses_on(on=D(2023, 2, 14))[accepted.place_id] == accepted
    editor_client.post(
        "/admin/control/controlobservation/",
        {"action": "reject", "_selected_action": [rejected.pk]},
    )
    assert list(ControlObservation.objects.public()) == [accepted]
    rejected.refresh_from_db()
    assert rejected.review == Review.REJECTED


def test_the_update_form_shows_suggestions_with_their_sentence(editor_client):
    update = make_update()
    suggestion(make_place("Krasna Hora"), update)
    page = editor_client.get(f"/admin/updates/update/{update.pk}/change/").content.decode()
    assert "control_observations-TOTAL_FORMS" in page
    assert "onder controle te krijgen" in page


def test_an_editor_adds_an_observation_by_hand_on_the_update_form(editor_client):
    place = make_place("Krasna Hora")
    source = make_source("Ukrainian General Staff")
    data = update_form()
    data.update(management("control_observations", 1))
    data.update(
        {
            "control_observations-0-place": str(place.pk),
            "control_observations-0-observed_on": "2023-02-13",
            "control_observations-0-status": "russia",
            "control_observations-0-basis": "confirmed",
            "control_observations-0-claimed_by": "",
            "control_observations-0-sources": [str(source.pk)],
            "control_observations-0-review": "accepted",
        }
    )
    response = editor_client.post("/admin/updates/update/add/", data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][-1].formset.errors
    observation = ControlObservation.objects.get()
    assert (observation.place, observation.status, observation.basis) == (
        place,
        "russia",
        "confirmed",
    )
    assert observation.origin == Origin.EDITOR and observation.is_public
    assert list(observation.sources.all()) == [source]
    assert observation.update.slug == "krasna-hora-falls"


def rectangle(west, south, east, north):
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


def test_an_editor_uploads_an_area_layer_and_gets_its_km2(editor_client):
    body = json.dumps(
        {
            "type": "Feature",
            "properties": {"date": "2023-02-13", "kind": "occupied"},
            "geometry": rectangle(37.0, 48.0, 38.0, 49.0),
        }
    ).encode()
    response = editor_client.post(
        "/admin/control/arealayer/add/",
        {"name": "DeepState", "upload": SimpleUploadedFile("layer.geojson", body)},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    layer = AreaLayer.objects.get()
    assert (layer.kind, layer.valid_on) == ("occupied", D(2023, 2, 13))
    assert 8000 < layer.area_km2 < 8400


def test_a_self_intersecting_upload_is_refused_and_nothing_is_stored(editor_client):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[37, 48], [38, 49], [38, 48], [37, 49], [37, 48]]],
    }
    response = editor_client.post(
        "/admin/control/arealayer/add/",
        {
            "kind": "occupied",
            "valid_on": "2023-02-13",
            "upload": SimpleUploadedFile("bad.geojson", json.dumps(bowtie).encode()),
        },
    )
    assert response.status_code == 200
    assert "Self-intersection" in response.content.decode()
    assert not AreaLayer.objects.exists()
