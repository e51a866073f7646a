from html.parser import HTMLParser

import pytest

from updates.markdown import ALLOWED_TAGS, render_markdown


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    '<a href="#" style="position:fixed;top:0">x</a>',
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"><circle/></svg>',
    '<p onclick="alert(1)">hi</p>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name=q></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '[x](" onmouseover="alert(1))',
    "<a href='vbscript:msgbox(1)'>x</a>",
    "<<script>script>alert(1)<</script>/script>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<img src="x" srcset="javascript:alert(1)">',
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_markdown_renders_harmless(body):
    html = render_markdown(body)
    inspector = Inspector()
    inspector.feed(html)
    assert inspector.tags <= ALLOWED_TAGS, html
    for name, value in inspector.attributes:
        assert not name.startswith("on"), html
        assert name not in {"style", "srcset", "xlink:href", "formaction"}, html
        if name in {"href", "src"}:
            scheme = (value or "").strip().lower().split(":", 1)[0]
            assert (
                (value or "").startswith(("/", "#"))
                or scheme in {"http", "https", "mailto"}
                or (":" not in (value or ""))
            ), html
    lowered = html.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<style" not in lowered


def test_ordinary_markdown_keeps_its_formatting():
    html = render_markdown(
        "## Bakhmut\n\n**Heavy** fighting, see [ISW](https://understandingwar.org).\n\n"
        "![Map](/media/uploads/map.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h2>Bakhmut</h2>" in html
    assert "<strong>Heavy</strong>" in html
    assert 'href="https://understandingwar.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'src="/media/uploads/map.png"' in html and 'alt="Map"' in html
    assert "<table>" in html


def test_updates_store_sanitized_html_derived_from_markdown(db):
    from tests.conftest import make_update

    update = make_update(body="Hello <script>alert(1)</script> **world**")
    assert "<strong>world</strong>" in update.body_html
    assert "<script" not in update.body_html
    update.body = "Changed"
    update.save()
    update.refresh_from_db()
    assert update.body_html == "<p>Changed</p>"


# Inputs on which Python-Markdown's bracket and emphasis matching were super-linear.
PATHOLOGICAL = ["[", "![a", "[a](", "*a", "<a ", "_a", "> ", "`"]


def _work(text: str) -> int:
    """Python lines, calls and returns executed while rendering: work counted, not timed."""
    import sys

    events = 0

    def tracer(frame, event, arg):
        nonlocal events
        events += 1
        return tracer

    sys.settrace(tracer)
    try:
        render_markdown(text)
    finally:
        sys.settrace(None)
    return events


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_rendering_work_grows_linearly_on_pathological_input(unit):
    small, large = _work(unit * 1000), _work(unit * 2000)
    # Doubling the input must not quadruple the work (Python-Markdown: 3.9x for "[").
    assert large < 2.5 * small, (unit, small, large)


def test_thirty_kilobytes_of_brackets_render(settings):
    html = render_markdown("[" * 30_000)
    assert html.startswith("<p>[[[") and html.count("[") == 30_000


def test_markdown_longer_than_the_limit_is_refused_by_the_renderer(settings):
    from django.core.exceptions import ValidationError

    settings.FRONTLINE_MAX_MARKDOWN_CHARS = 1000
    render_markdown("a" * 1000)
    with pytest.raises(ValidationError, match="1001 characters long; the limit is 1000"):
        render_markdown("a" * 1001)


@pytest.mark.django_db
def test_a_150_kb_preview_is_refused_with_a_message_not_rendered(editor_client):
    response = editor_client.post("/markdownx/markdownify/", {"content": "[" * 150_000})
    assert response.status_code == 413
    assert "150000 characters long; the limit is 100000" in response.content.decode()


@pytest.mark.django_db
def test_an_admin_save_over_the_length_limit_is_a_form_error(editor_client):
    from tests.test_admin import update_form

    response = editor_client.post("/admin/updates/update/add/", update_form(body="word " * 20_001))
    assert response.status_code == 200
    assert "the limit is 100000 characters" in str(response.context["adminform"].form.errors)


def test_table_alignment_survives_sanitizing_as_text_align_only():
    html = render_markdown("| a | b |\n|--:|---|\n| 1 | 2 |")
    assert '<th style="text-align:right">a</th>' in html
    assert "<td>2</td>" in html


def test_plain_text_reads_rendered_markdown_as_strip_tags_does():
    """One pattern, not an HTML parser run to a fixed point: the same text for nh3's output."""
    import html

    from django.utils.html import strip_tags

    from updates.markdown import render_markdown
    from updates.templatetags.updates_tags import plain_text

    for source in [
        '[a](https://example.org "t>i<t") & <b>x</b> `<code>` 5 > 3 &amp;',
        "| a | b |\n|:-|-:|\n| 1 | 2 |",
        "<!-- c --> <script>alert(1)</script> **b** <img src=x onerror=y>",
        "![alt > x](https://example.org/i.png)\n\n> quoted *text*",
    ]:
        rendered = render_markdown(source)
        assert plain_text(rendered) == html.unescape(strip_tags(rendered)), source
