"""
The one place Markdown becomes HTML.

Pages, the admin's live preview, feeds and the API all call ``render_markdown``; its
output is sanitized by nh3 (ammonia) against an allow-list, so nothing an editor or an
imported file writes can run script in a reader's browser.
"""

import threading

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
}
# Relative URLs (uploaded images under /media/) pass; any other scheme, including
# javascript: and data:, is dropped with the attribute.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
# Building a Markdown parser costs more than most conversions: one per thread, reset per use.
_local = threading.local()


def _parser() -> markdown.Markdown:
    if not hasattr(_local, "parser"):
        _local.parser = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    return _local.parser


def render_markdown(text: str) -> str:
    """Markdown source -> sanitized HTML."""
    html = _parser().reset().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
