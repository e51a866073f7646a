"""Only http(s) links, on every way in and every way out."""

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import make_update
from updates.importing.service import documents_import
from updates.links import http_url
from updates.models import QuotedPost, Source, Update

pytestmark = pytest.mark.django_db

UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
    "//evil.example/x",
    "https:evil.example",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_the_link_filter_drops_everything_but_http_and_https(url):
    assert http_url(url) == ""


def test_the_link_filter_keeps_web_addresses():
    assert http_url("https://www.nytimes.com/x?a=1") == "https://www.nytimes.com/x?a=1"
    assert http_url("HTTP://Example.org/") == "HTTP://Example.org/"


@pytest.mark.parametrize("url", UNSAFE)
def test_models_refuse_unsafe_urls(url):
    source = Source(name="S", slug="s", url=url)
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "url" in error.value.message_dict
    post = QuotedPost(update=make_update(), author_name="A", text="t", url=url)
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "url" in error.value.message_dict


def test_the_admin_source_form_refuses_a_non_web_link(editor_client):
    response = editor_client.post(
        "/admin/updates/source/add/",
        {"name": "Evil", "slug": "evil", "kind": "news", "url": "ftp://evil.example/x"},
    )
    assert response.status_code == 200
    assert "http:// or https://" in str(response.context["adminform"].form.errors["url"])
    assert not Source.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>"])
def test_the_importer_refuses_a_manifest_url_that_is_not_a_web_address(tmp_path, url):
    (tmp_path / "log.md").write_text("# Log\n\n## Update 02/02/2023\n\nText.\n")
    (tmp_path / "manifest.toml").write_text(f'["log.md"]\nurl = "{url}"\n')
    report = documents_import(paths=[tmp_path])
    assert "is not a web address starting with http:// or https://" in report.files[0].error
    assert not Update.objects.exists() and not Source.objects.exists()


def stored_with_unsafe_links() -> Update:
    """Rows written before the rule (or by a shell): the way out must still be safe."""
    update = make_update()
    source = Source.objects.create(name="Old", slug="old", url="javascript:alert(1)")
    update.sources.add(source)
    QuotedPost.objects.create(
        update=update, author_name="A", text="Quoted.", url="data:text/html,<script>x</script>"
    )
    return update


def test_pages_never_render_an_unsafe_stored_link(client):
    update = stored_with_unsafe_links()
    for page in [update.get_absolute_url(), "/sources/old/"]:
        html = client.get(page).content.decode().lower()
        assert "javascript:" not in html and "data:text" not in html, page


def test_the_api_never_returns_an_unsafe_stored_link(client):
    update = stored_with_unsafe_links()
    detail = client.get(f"/api/updates/{update.pk}/").json()
    assert detail["sources"][0]["url"] == "" and detail["quoted_posts"][0]["url"] == ""
    sources = client.get("/api/sources/").json()
    assert [s["url"] for s in sources["items"]] == [""]
