"""
Maps with production static files: collectstatic's fingerprinted names, served by
WhiteNoise (see the live_server fixture in tests/conftest.py), in a real Chromium.
"""

import io

import pytest
from django.core.management import call_command

from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every marker and shadow image has loaded or failed (a broken one settles too).
MARKERS_SETTLED = """() => [...document.querySelectorAll(
  "img.leaflet-marker-icon, img.leaflet-marker-shadow")].every((img) => img.complete)"""


@pytest.fixture
def seeded_live(live_server):
    call_command("import_seeds", stdout=io.StringIO())
    return live_server


@pytest.mark.parametrize("path", ["/places/sudzha/", "/places/"])
def test_leaflet_markers_load_their_images_from_fingerprinted_static_files(
    browser,  # noqa: F811
    seeded_live,
    path,
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.goto(seeded_live.url + path)
    page.wait_for_selector(".leaflet-marker-icon")
    page.wait_for_function(MARKERS_SETTLED)
    markers = page.locator("img.leaflet-marker-icon, img.leaflet-marker-shadow")
    assert markers.count() >= 2
    for index in range(markers.count()):
        marker = markers.nth(index)
        src = marker.get_attribute("src")
        # The URL is collectstatic's copy (name.<hash>.png), not Leaflet's guess.
        assert src.startswith("/static/leaflet/images/marker-"), src
        assert src.count(".") == 2, src
        assert (
            page.evaluate("(img) => img.complete && img.naturalWidth", marker.element_handle()) > 0
        )
    context.close()
    assert failed == []
