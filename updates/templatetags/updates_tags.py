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
