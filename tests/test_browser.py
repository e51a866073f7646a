"""
A reader and an editor in a real browser: Debian's Chromium driven by Playwright against
the live server. Screenshots of the main pages go to test-artifacts/screenshots/.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest import png_bytes

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign = []

    def note(request):
        if not request.url.startswith(("http://localhost", "data:", "blob:")):
            foreign.append(request.url)

    page.on("request", note)
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


@pytest.fixture
def seeded_live(live_server):
    call_command("import_seeds", stdout=io.StringIO())
    return live_server


def test_a_reader_goes_from_home_to_a_day_an_update_a_place_and_its_feed(page, seeded_live):
    page.goto(seeded_live.url + "/")
    assert page.locator("h1").count() == 1
    page.locator(".calendar a[href='/updates/2025/03/07/']").click()
    page.wait_for_url("**/updates/2025/03/07/")
    page.locator(".update-card-title a").first.click()
    page.wait_for_url("**/updates/2025/03/07/*/")
    assert "Koersk" in page.locator(".prose").inner_text()
    assert page.locator(".prose").get_attribute("lang") == "nl"
    assert page.locator(".quoted-post").count() == 2
    page.locator(".place-chips a", has_text="Sudzha").click()
    page.wait_for_url("**/places/sudzha/")
    assert "Soedzja" in page.locator(".aliases").inner_text()
    # Leaflet drew the map from the project's own static files (no tiles in tests).
    page.wait_for_selector("#place-map .leaflet-marker-icon")
    feed_url = page.locator("a.feed-link").get_attribute("href")
    response = page.request.get(seeded_live.url + feed_url)
    assert response.ok and "<rss" in response.text() and "Russische" in response.text()


def test_an_editor_publishes_an_update_with_an_image_and_a_reader_finds_it(
    page, live_server, django_user_model, tmp_path
):
    django_user_model.objects.create_user(
        "desk", password="a long enough password", is_staff=True, is_superuser=True
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a long enough password")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/updates/update/add/")
    page.locator("#id_title").press_sequentially("Zaporizhzhia front quiet")
    assert page.input_value("#id_slug") == "zaporizhzhia-front-quiet"
    page.fill("#id_reported_on", "2024-05-01")
    page.fill("#id_body", "No change near **Robotyne** today; *artillery* only.")
    # The live preview renders through the server's sanitizer.
    page.wait_for_selector(".markdownx-preview strong")
    assert page.inner_text(".markdownx-preview strong") == "Robotyne"
    page.select_option("#id_status", "published")
    page.click("#images-group .add-row a")
    image = tmp_path / "robotyne.png"
    image.write_bytes(png_bytes((160, 120)))
    page.set_input_files("#id_images-0-image", str(image))
    page.fill("#id_images-0-alt_text", "Map of Robotyne")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    page.goto(live_server.url + "/search/?q=Robotyne")
    page.locator(".update-card-title a", has_text="Zaporizhzhia front quiet").click()
    page.wait_for_url("**/updates/2024/05/01/zaporizhzhia-front-quiet/")
    img = page.locator(".map-image img")
    assert img.get_attribute("alt") == "Map of Robotyne"
    img.scroll_into_view_if_needed()  # a lazy image loads once it is on screen
    # Loaded, not just present: a missing file would leave it complete with no width.
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle(), timeout=10_000
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_main_pages_fit_the_screen_and_are_saved_as_screenshots(browser, seeded_live, width):
    from updates.models import Update

    SHOTS.mkdir(parents=True, exist_ok=True)
    update = Update.objects.get(reported_on="2023-02-02")
    pages = {
        "home": "/",
        "updates": "/updates/",
        "month": "/updates/2023/02/",
        "update": update.get_absolute_url(),
        "article": Update.objects.get(reported_on="2025-03-07").get_absolute_url(),
        "place": "/places/bakhmut/",
        "places": "/places/",
        "maps": "/maps/",
        "search": "/search/?q=Bakhmut",
        "sources": "/sources/",
        "404": "/no/such/page/",
    }
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in pages.items():
        page.goto(seeded_live.url + path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} is {scroll_width}px wide at {width}px"
        assert page.locator("h1").count() == 1, name
        missing_alt = page.locator("img:not([alt])").count()
        assert missing_alt == 0, f"{name}: {missing_alt} images without alt text"
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    context.close()
