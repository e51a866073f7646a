"""
Control in a real browser (Debian's Chromium, Playwright, the live server): an editor
accepting a suggestion, a reader moving the map's date and comparing two dates, the
offline base map, and screenshots of the control pages at phone and desktop widths.
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from control.models import AreaKind, ControlObservation, Review
from control.services import observations_accept
from tests.control_data import add_layer
from tests.test_browser import SHOTS, browser  # noqa: F401  (the shared browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def recorded(browser):  # noqa: F811
    """A page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page, requests
    context.close()


@pytest.fixture
def seeded_live(live_server):
    call_command("import_seeds", stdout=io.StringIO())
    return live_server


def accept_krasna_hora() -> None:
    observations_accept(observations=ControlObservation.objects.filter(place__name="Krasna Hora"))


def wait_for_map(page) -> None:
    page.wait_for_selector("#control-map[data-ready='true'][data-basemap-ready='true']")


def test_an_editor_accepts_the_suggested_observation_in_the_admin(
    recorded, seeded_live, django_user_model
):
    page, _requests = recorded
    django_user_model.objects.create_user(
        "desk", password="a long enough password", is_staff=True, is_superuser=True
    )
    suggestion = ControlObservation.objects.get(place__name="Krasna Hora")
    assert suggestion.review == Review.SUGGESTED
    page.goto(seeded_live.url + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a long enough password")
    page.click("input[type=submit]")
    page.goto(seeded_live.url + "/admin/control/controlobservation/?review__exact=suggested")
    row = page.locator("#result_list tbody tr", has_text="Krasna Hora")
    assert "onder controle" in row.inner_text()
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "accept")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist li")
    suggestion.refresh_from_db()
    assert suggestion.review == Review.ACCEPTED

    # Readers now see it: on the place page and on the map of that day.
    page.goto(seeded_live.url + "/places/krasna-hora/")
    heading = page.locator("#place-title").inner_text()
    assert "Russian control" in heading and "Claimed" in heading
    page.goto(seeded_live.url + "/map/2023/02/13/")
    wait_for_map(page)
    assert page.locator("path.place-marker.status-russia.basis-claimed").count() == 1


def test_a_reader_moves_the_maps_date_and_opens_the_changes_between_two_dates(
    recorded, seeded_live
):
    page, _requests = recorded
    accept_krasna_hora()
    page.goto(seeded_live.url + "/map/2023/02/12/")
    wait_for_map(page)
    assert page.locator("path.place-marker").count() == 0  # nothing held yet that day
    # Zoomed in, the view goes into the permalink and the day links.
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function("() => location.hash.split('/').length === 3")
    view = page.evaluate("location.hash")
    assert page.locator("a.permalink").get_attribute("href").endswith(view)
    # One day on, by keyboard: the "day ›" link, focused and followed with Enter.
    page.locator(".day-steps a[rel=next]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/map/2023/02/13/#" in url)
    wait_for_map(page)
    assert page.evaluate("location.hash") == view  # the same view, one day on
    assert page.locator("path.place-marker.status-russia").count() == 1
    assert "Krasna Hora" in page.locator(".map-side").inner_text()
    # The date field, typed and submitted with Enter, goes to that day's permalink.
    page.fill("#map-date", "2023-02-20")
    page.locator("#map-date").press("Enter")
    page.wait_for_url("**/map/2023/02/20/")
    wait_for_map(page)
    assert page.locator("path.place-marker.status-russia").count() == 1
    page.locator("a.compare-link").click()
    page.wait_for_url("**/changes/?from=2023-02-13&to=2023-02-20")
    # Widen the comparison to the whole month with the form.
    page.fill("#changes-from", "2023-02-01")
    page.fill("#changes-to", "2023-02-28")
    page.locator("#changes-to").press("Enter")
    page.wait_for_url("**/changes/?from=2023-02-01&to=2023-02-28")
    change = page.locator(".change", has_text="Krasna Hora")
    assert "Russian control" in change.inner_text()
    assert "Update 13/02/2023" in change.inner_text()
    change.locator("a.change-place").click()
    page.wait_for_url("**/places/krasna-hora/#observation-*")
    assert page.locator(".observation:target details[open]").count() == 1


def test_the_base_map_draws_borders_and_rivers_with_no_request_leaving_the_host(
    recorded, live_server
):
    page, requests = recorded
    page.goto(live_server.url + "/map/2023/02/13/")
    wait_for_map(page)
    for layer in ("land", "country", "admin1", "river"):
        assert page.locator(f"path.basemap-{layer}").count() > 0, layer
    labels = page.locator(".city-label").all_inner_texts()
    assert "Kyiv" in labels and "Kharkiv" in labels
    assert requests, "the page made no request at all"
    foreign = [url for url in requests if not url.startswith(live_server.url)]
    assert foreign == [], f"requests that left the host: {foreign}"


def control_pages_data() -> None:
    accept_krasna_hora()
    add_layer(AreaKind.OCCUPIED, datetime.date(2023, 1, 2), 37.6, 47.8, 0.8)
    add_layer(AreaKind.OCCUPIED, datetime.date(2023, 1, 30), 37.5, 47.8, 0.9)
    add_layer(AreaKind.OCCUPIED, datetime.date(2023, 2, 13), 37.45, 47.8, 0.95)
    add_layer(AreaKind.ASSESSED_ADVANCE, datetime.date(2023, 2, 6), 37.9, 48.5, 0.2)
    add_layer(AreaKind.ASSESSED_ADVANCE, datetime.date(2023, 2, 13), 37.9, 48.5, 0.25)


@pytest.mark.parametrize("width", [390, 1280])
def test_control_pages_fit_the_screen_and_are_saved_as_screenshots(
    browser,  # noqa: F811
    seeded_live,
    width,
):
    control_pages_data()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "control-map": "/map/2023/02/13/",
        "control-changes": "/changes/?from=2023-02-01&to=2023-02-28",
        "control-place": "/places/krasna-hora/",
        "control-territory": "/territory/",
        "control-day": "/updates/2023/02/13/",
    }
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in pages.items():
        page.goto(seeded_live.url + path)
        if name == "control-map":
            wait_for_map(page)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} is {scroll_width}px wide at {width}px"
        assert page.locator("h1").count() == 1, name
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    context.close()
