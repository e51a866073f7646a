import html
import re

from django import template

from ..links import http_url as _http_url
from ..search import snippet

register = template.Library()


@register.simple_tag
def search_snippet(update, query):
    return snippet(update, query)


@register.filter
def http_url(value) -> str:
    """The URL when it is http(s), else "": use it wherever a stored URL becomes a link."""
    return _http_url(value)


@register.filter
def present_maps(images) -> list:
    """The map images whose file is there (from a prefetched list: no query)."""
    return [image for image in images if not image.is_missing]


@register.filter
def missing_maps(images) -> list:
    return [image for image in images if image.is_missing]


# A tag of nh3's output: its serializer leaves ">" unescaped only inside quoted attributes.
_TAG = re.compile(r"""<(?:"[^"]*"|'[^']*'|[^"'>])*>""")


@register.filter
def plain_text(value: str) -> str:
    """
    Sanitized HTML as plain text (tags gone, entities decoded): escaped once on output.
    One pattern over the text: Django's strip_tags runs an HTML parser until nothing changes,
    and took most of a list card's time (every card without a summary shows an excerpt).
    """
    return html.unescape(_TAG.sub("", value or ""))
