"""The kept status periods agree with THE RULE (``deciding``) and follow every write."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from control.models import Basis, ControlObservation, Review, Status, with_status
from control.services import (
    changes_between,
    control_periods_deferred,
    control_periods_refresh,
    observations_accept,
    observations_reject,
)
from updates.models import Place

from .conftest import make_place

D = datetime.date
FIRST = D(2022, 2, 24)
STATUSES = list(Status.values)
BASES = list(Basis.values)
REVIEWS = [Review.ACCEPTED, Review.ACCEPTED, Review.ACCEPTED, Review.SUGGESTED, Review.REJECTED]


def random_observations(rng: random.Random, places: list[Place], count: int) -> None:
    """Few days over many observations, so same-day ties of every kind occur."""
    ControlObservation.objects.bulk_create(
        ControlObservation(
            place=rng.choice(places),
            observed_on=FIRST + datetime.timedelta(days=rng.randrange(60)),
            status=rng.choice(STATUSES),
            basis=rng.choice(BASES),
            review=rng.choice(REVIEWS),
        )
        for _ in range(count)
    )


def by_rule(day):
    return dict(ControlObservation.objects.deciding(on=day).values_list("place_id", "pk"))


def kept(day):
    return dict(ControlObservation.objects.in_force(on=day).values_list("place_id", "pk"))


def assert_periods_follow_the_rule(rng: random.Random, days: int = 40) -> None:
    for _ in range(days):
        day = FIRST + datetime.timedelta(days=rng.randrange(-3, 66))
        assert kept(day) == by_rule(day), day


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_periods_agree_with_deciding_on_random_dates(db, seed):
    rng = random.Random(seed)
    places = [make_place(f"Selo {i}") for i in range(25)]
    random_observations(rng, places, 400)
    control_periods_refresh()
    assert_periods_follow_the_rule(rng)


@pytest.mark.parametrize("seed", [4, 5])
def test_periods_follow_single_saves_edits_and_deletes(db, seed):
    rng = random.Random(seed)
    places = [make_place(f"Selo {i}") for i in range(6)]
    for _ in range(60):  # one by one, as the admin and the update form write them
        ControlObservation.objects.create(
            place=rng.choice(places),
            observed_on=FIRST + datetime.timedelta(days=rng.randrange(30)),
            status=rng.choice(STATUSES),
            basis=rng.choice(BASES),
            review=rng.choice(REVIEWS),
        )
    assert_periods_follow_the_rule(rng)
    observations = list(ControlObservation.objects.order_by("pk"))
    for observation in rng.sample(observations, 15):  # moved to another place, day, status
        observation.place = rng.choice(places)
        observation.observed_on = FIRST + datetime.timedelta(days=rng.randrange(30))
        observation.status = rng.choice(STATUSES)
        observation.review = rng.choice(REVIEWS)
        observation.save()
    assert_periods_follow_the_rule(rng)
    for observation in rng.sample(observations, 15):
        observation.delete()
    assert_periods_follow_the_rule(rng)
    places[0].delete()  # its observations go with it
    assert_periods_follow_the_rule(rng)


def test_accepting_and_rejecting_refresh_the_periods(db):
    rng = random.Random(7)
    places = [make_place(f"Selo {i}") for i in range(10)]
    random_observations(rng, places, 150)
    control_periods_refresh()
    suggested = ControlObservation.objects.filter(review=Review.SUGGESTED)
    observations_accept(
        observations=suggested.filter(pk__in=list(suggested.values_list("pk", flat=True)[:20]))
    )
    assert_periods_follow_the_rule(rng)
    accepted = ControlObservation.objects.filter(review=Review.ACCEPTED).order_by("?")
    observations_reject(observations=accepted.filter(pk__in=[o.pk for o in accepted[:20]]))
    assert_periods_follow_the_rule(rng)


def test_deferred_writes_refresh_once_at_the_end(db):
    rng = random.Random(8)
    places = [make_place(f"Selo {i}") for i in range(10)]
    random_observations(rng, places, 150)
    control_periods_refresh()
    with CaptureQueriesContext(connection) as context, control_periods_deferred():
        ControlObservation.objects.filter(
            observed_on__lt=FIRST + datetime.timedelta(days=20)
        ).delete()
    refreshes = [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith(
            'DELETE FROM "control_controlperiod" WHERE "control_controlperiod"."place_id" IN'
        )
    ]
    assert len(refreshes) == 1  # one refresh of all the places, not one per deleted row
    assert_periods_follow_the_rule(rng)


def test_status_since_is_the_first_day_of_the_unbroken_run(db):
    rng = random.Random(9)
    places = [make_place(f"Selo {i}") for i in range(15)]
    random_observations(rng, places, 300)
    control_periods_refresh()
    for _ in range(10):
        day = FIRST + datetime.timedelta(days=rng.randrange(70))
        rule = {o.place_id: o.status for o in ControlObservation.objects.deciding(on=day)}
        annotated = with_status(Place.objects.all(), on=day)
        for place in annotated:
            assert place.control_status == rule.get(place.pk)
            if place.control_status is None:
                assert place.control_since is None
                continue
            since = place.control_since
            assert since <= day
            earlier = {
                o.place_id: o.status
                for o in ControlObservation.objects.deciding(on=since - datetime.timedelta(days=1))
            }
            assert earlier.get(place.pk) != place.control_status
            observed_days = (
                ControlObservation.objects.public()
                .filter(place=place, observed_on__range=(since, day))
                .values_list("observed_on", flat=True)
                .distinct()
            )
            for observed in observed_days:
                held = ControlObservation.objects.deciding(on=observed).get(place=place)
                assert held.status == place.control_status


def test_changes_between_agree_with_the_rule_on_both_dates(db):
    rng = random.Random(10)
    places = [make_place(f"Selo {i}") for i in range(25)]
    random_observations(rng, places, 400)
    control_periods_refresh()
    for _ in range(15):
        start = FIRST + datetime.timedelta(days=rng.randrange(-3, 60))
        end = start + datetime.timedelta(days=rng.randrange(0, 30))
        before = {o.place_id: o for o in ControlObservation.objects.deciding(on=start)}
        after = {o.place_id: o for o in ControlObservation.objects.deciding(on=end)}
        expected = {
            place_id: (before[place_id].status if place_id in before else None, o.pk)
            for place_id, o in after.items()
            if o.observed_on > start
            and (place_id not in before or before[place_id].status != o.status)
        }
        changes = changes_between(start=start, end=end)
        got = {c.place.pk: (c.from_status, c.observation.pk) for c in changes.places}
        assert got == expected, (start, end)


def test_reading_the_periods_takes_a_constant_number_of_queries(db):
    rng = random.Random(11)
    places = [make_place(f"Selo {i}") for i in range(10)]
    random_observations(rng, places, 100)
    control_periods_refresh()
    day = FIRST + datetime.timedelta(days=30)
    counts = []
    for extra in (0, 300):
        random_observations(rng, places + [make_place(f"Nove {extra}")], extra)
        control_periods_refresh()
        with CaptureQueriesContext(connection) as context:
            list(with_status(Place.objects.all(), on=day))
            changes_between(start=day - datetime.timedelta(days=20), end=day)
            len(ControlObservation.objects.in_force(on=day))
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_deleting_observations_in_the_admin_refreshes_the_periods(admin_client):
    rng = random.Random(12)
    places = [make_place(f"Selo {i}") for i in range(8)]
    random_observations(rng, places, 120)
    control_periods_refresh()
    chosen = list(
        ControlObservation.objects.filter(review=Review.ACCEPTED).values_list("pk", flat=True)[:40]
    )
    response = admin_client.post(
        "/admin/control/controlobservation/",
        {"action": "delete_selected", "_selected_action": chosen, "post": "yes"},
    )
    assert response.status_code == 302
    assert not ControlObservation.objects.filter(pk__in=chosen).exists()
    assert_periods_follow_the_rule(rng)


def test_viina_imports_keep_the_periods(tmp_path, db):
    from control.services.viina import viina_import

    from .test_control_import import viina_sample

    sample = viina_sample()
    for timestamps in (30, 12):  # the second run updates and deletes what the first stored
        path = sample.write_sample(tmp_path / "viina.csv", places=150, timestamps_count=timestamps)
        viina_import(path=path)
        days = ControlObservation.objects.values_list("observed_on", flat=True)
        first, last = min(days), max(days)
        rng = random.Random(timestamps)
        for _ in range(25):
            day = first + datetime.timedelta(days=rng.randrange(-2, (last - first).days + 3))
            assert kept(day) == by_rule(day), day
