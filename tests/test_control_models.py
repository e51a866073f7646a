import datetime

import pytest
from django.db import IntegrityError, transaction

from control.models import (
    AreaKind,
    AreaLayer,
    Basis,
    ControlObservation,
    Review,
    Status,
    with_status,
)
from control.services import changes_between, statuses_on
from updates.models import Place

from .conftest import make_place, make_source, make_update

D = datetime.date


def observe(place, day, status, basis=Basis.CLAIMED, review=Review.ACCEPTED, **fields):
    return ControlObservation.objects.create(
        place=place, observed_on=day, status=status, basis=basis, review=review, **fields
    )


@pytest.fixture
def hora(db):
    return make_place("Krasna Hora")


def status_of(place, day):
    observation = statuses_on(on=day).get(place.pk)
    return observation.status if observation else None


def test_status_is_the_latest_accepted_observation_on_or_before_the_date(hora):
    observe(hora, D(2023, 1, 1), Status.UKRAINE)
    observe(hora, D(2023, 2, 13), Status.RUSSIA)
    assert status_of(hora, D(2022, 12, 31)) is None
    assert status_of(hora, D(2023, 2, 12)) == Status.UKRAINE
    assert status_of(hora, D(2023, 2, 13)) == Status.RUSSIA
    assert status_of(hora, D(2024, 1, 1)) == Status.RUSSIA


def test_same_day_confirmed_outranks_assessed_outranks_claimed(hora):
    day = D(2023, 2, 13)
    observe(hora, day, Status.UKRAINE, basis=Basis.ASSESSED)
    observe(hora, day, Status.RUSSIA, basis=Basis.CONFIRMED)
    observe(hora, day, Status.CONTESTED, basis=Basis.CLAIMED)
    assert status_of(hora, day) == Status.RUSSIA


def test_suggested_and_rejected_observations_are_never_public(hora):
    observe(hora, D(2023, 1, 1), Status.UKRAINE)
    observe(hora, D(2023, 2, 13), Status.RUSSIA, review=Review.SUGGESTED)
    observe(hora, D(2023, 2, 14), Status.CONTESTED, review=Review.REJECTED)
    assert status_of(hora, D(2023, 3, 1)) == Status.UKRAINE


def test_status_for_a_whole_map_is_one_query(db, django_assert_num_queries):
    places = [make_place(f"Village {i}") for i in range(30)]
    for i, place in enumerate(places):
        observe(place, D(2023, 1, 1 + i % 20), Status.UKRAINE)
        observe(place, D(2023, 2, 1 + i % 20), Status.RUSSIA, basis=Basis.ASSESSED)
    with django_assert_num_queries(1):
        result = statuses_on(on=D(2023, 2, 10))
    assert sum(o.status == Status.RUSSIA for o in result.values()) == 20
    assert len(result) == 30


def test_with_status_annotates_status_basis_and_since(hora, django_assert_num_queries):
    observe(hora, D(2023, 1, 1), Status.RUSSIA)
    observe(hora, D(2023, 1, 10), Status.UKRAINE)
    observe(hora, D(2023, 2, 13), Status.RUSSIA)
    observe(hora, D(2023, 2, 20), Status.RUSSIA, basis=Basis.CONFIRMED)
    make_place("Nowhere")
    with django_assert_num_queries(1):
        places = {p.name: p for p in with_status(Place.objects.all(), on=D(2023, 3, 1))}
    assert places["Krasna Hora"].control_status == Status.RUSSIA
    assert places["Krasna Hora"].control_basis == Basis.CONFIRMED
    assert places["Krasna Hora"].control_since == D(2023, 2, 13)
    assert places["Nowhere"].control_status is None


def test_changes_between_lists_places_whose_status_changed(hora, django_assert_num_queries):
    still = make_place("Bakhmut")
    new = make_place("Soledar")
    source = make_source("Russian MoD")
    update = make_update()
    observe(hora, D(2023, 1, 1), Status.UKRAINE)
    changed = observe(hora, D(2023, 2, 13), Status.RUSSIA, update=update)
    changed.sources.add(source)
    observe(still, D(2023, 1, 1), Status.UKRAINE)
    observe(still, D(2023, 2, 5), Status.UKRAINE, basis=Basis.CONFIRMED)
    observe(new, D(2023, 2, 20), Status.CONTESTED)
    observe(new, D(2023, 3, 5), Status.RUSSIA)  # after the end: not counted
    # Three to find what changed, two to read the changed places (with their sources).
    with django_assert_num_queries(5):
        changes = changes_between(start=D(2023, 2, 1), end=D(2023, 2, 28))
        rows = {
            c.place.name: (c.from_status, c.to_status, c.date, [s.name for s in c.sources])
            for c in changes.places
        }
    assert rows == {
        "Krasna Hora": ("ukraine", "russia", D(2023, 2, 13), ["Russian MoD"]),
        "Soledar": (None, "contested", D(2023, 2, 20), []),
    }
    assert changes.places[-1].update == update or changes.places[0].update == update


def test_changes_between_sums_area_gained_and_lost_per_kind(db):
    for day, gained, lost in [(D(2023, 1, 1), None, None), (D(2023, 2, 5), 10.0, 2.0),
                              (D(2023, 2, 20), 5.0, 1.0), (D(2023, 3, 5), 100.0, 0.0)]:  # fmt: skip
        AreaLayer.objects.create(
            kind=AreaKind.OCCUPIED, valid_on=day, geometry="{}", gained_km2=gained, lost_km2=lost
        )
    (area,) = changes_between(start=D(2023, 2, 1), end=D(2023, 2, 28)).areas
    assert (area.kind, area.gained_km2, area.lost_km2, area.layers) == ("occupied", 15.0, 3.0, 2)


def test_one_observation_of_a_place_per_update_and_day(hora):
    update = make_update()
    observe(hora, D(2023, 2, 13), Status.RUSSIA, update=update)
    with pytest.raises(IntegrityError), transaction.atomic():
        observe(hora, D(2023, 2, 13), Status.UKRAINE, update=update)
