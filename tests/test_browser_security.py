"""
The Content-Security-Policy in a real Chromium: the pages that run scripts (the maps, the
admin's Markdown editor, the API docs) work under it, and not one violation is reported.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest import png_bytes
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_maps import MARKERS_SETTLED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    problems = []
    # Chromium reports a blocked resource on the console too; a script broken by the policy
    # throws. Browsers ask for /favicon.ico on their own; the site has none.
    page.on("console", lambda m: problems.append(m.text) if "Security Policy" in m.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )

    def check(label):
        violations = page.evaluate("window.__csp")
        assert violations == [], f"{label}: CSP violations {violations}"
        assert problems == [], f"{label}: console errors {problems}"

    page.check = check
    yield page
    context.close()


def test_reader_pages_with_maps_run_under_the_policy(watched, live_server):
    call_command("import_seeds", stdout=io.StringIO())
    from updates.models import Update

    article = Update.objects.get(reported_on="2025-03-07").get_absolute_url()
    pages = ("/", "/places/", "/places/sudzha/", article, "/search/?q=Kursk")
    control_pages = ("/map/2023/02/13/", "/changes/?from=2023-02-01&to=2023-02-28", "/territory/")
    for path in pages + control_pages:
        response = watched.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        watched.wait_for_load_state("load")
        if path.startswith("/places/"):
            watched.wait_for_selector(".leaflet-marker-icon")
            watched.wait_for_function(MARKERS_SETTLED)
        if path.startswith("/map/"):
            watched.wait_for_selector("#control-map[data-ready='true'][data-basemap-ready='true']")
        watched.check(path)


def test_the_api_docs_render_from_the_site_under_the_policy(watched, live_server):
    watched.goto(live_server.url + "/api/docs")
    watched.wait_for_selector(".swagger-ui .info .title")
    assert "Frontline data API" in watched.inner_text(".swagger-ui .info .title")
    watched.wait_for_selector(".opblock-summary-path")
    watched.wait_for_load_state("load")
    watched.check("/api/docs")


def test_the_admin_markdown_editor_previews_under_the_policy(
    watched, live_server, django_user_model
):
    django_user_model.objects.create_user(
        "desk", password="a long enough password", is_staff=True, is_superuser=True
    )
    image = Path(settings.MEDIA_ROOT) / "uploads" / "csp-check.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(png_bytes((80, 60)))
    watched.goto(live_server.url + "/admin/login/")
    watched.fill("#id_username", "desk")
    watched.fill("#id_password", "a long enough password")
    watched.click("input[type=submit]")
    watched.wait_for_url("**/admin/")
    watched.goto(live_server.url + "/admin/updates/update/add/")
    watched.locator("#id_title").press_sequentially("Policy check")
    watched.fill("#id_body", "Quiet near **Robotyne**.\n\n![Map](/media/uploads/csp-check.png)")
    watched.wait_for_selector(".markdownx-preview strong")
    watched.wait_for_function(
        "() => document.querySelector('.markdownx-preview img')?.naturalWidth === 80"
    )
    watched.wait_for_load_state("load")
    watched.check("admin editor")
