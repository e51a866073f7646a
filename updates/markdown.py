"""
The one place Markdown becomes HTML.

Pages, the admin's live preview, feeds and the API all call ``render_markdown``; its
output is sanitized by nh3 (ammonia) against an allow-list, so nothing an editor or an
imported file writes can run script in a reader's browser.

The parser is markdown-it-py (CommonMark): its work grows linearly with its input, even
on pathological text such as thousands of unclosed ``[``, where Python-Markdown's
bracket matching is cubic (30 KB of ``[`` took minutes). The input is also bounded:
``validate_markdown_length`` is the one rule, used by the model field (admin save), the
importer and the preview endpoint, and the renderer refuses anything longer.
"""

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    # Table column alignment: markdown-it writes style="text-align:…", and nh3 keeps
    # only that one property (ALLOWED_STYLE_PROPERTIES).
    "td": {"style"},
    "th": {"style"},
}
ALLOWED_STYLE_PROPERTIES = {"text-align"}
# Relative URLs (uploaded images under /media/) pass; any other scheme, including
# javascript: and data:, is dropped with the attribute.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# One parser for the process: markdown-it keeps no state between render() calls.
# maxNesting (20 in the commonmark preset) bounds nested blockquotes and lists.
_parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def max_markdown_chars() -> int:
    return settings.FRONTLINE_MAX_MARKDOWN_CHARS


def validate_markdown_length(text: str) -> None:
    """ValidationError when ``text`` is longer than one update's Markdown may be."""
    limit = max_markdown_chars()
    if text and len(text) > limit:
        raise ValidationError(
            _("The text is %(length)s characters long; the limit is %(limit)s characters.")
            % {"length": len(text), "limit": limit},
            code="too_long",
        )


def render_markdown(text: str) -> str:
    """Markdown source -> sanitized HTML (ValidationError when the text is too long)."""
    validate_markdown_length(text)
    html = _parser.render(text or "")
    return nh3.clean(
        html.strip(),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _plain(tokens) -> str:
    parts = []
    for token in tokens or []:
        if token.children:
            parts.append(_plain(token.children))
        elif token.type in ("text", "code_inline"):
            parts.append(token.content)
    return "".join(parts)


def markdown_images(text: str) -> list[tuple[str, str]]:
    """Every image the Markdown shows, as (src, alt as plain text), in order."""
    validate_markdown_length(text)
    found = []
    for block in _parser.parse(text or ""):
        stack = list(block.children or [])
        while stack:
            token = stack.pop(0)
            if token.type == "image":
                found.append((token.attrs.get("src", ""), " ".join(_plain(token.children).split())))
            elif token.children:
                stack[:0] = token.children
    return found
