import html

from django import template
from django.utils.html import strip_tags

from ..search import snippet

register = template.Library()


@register.simple_tag
def search_snippet(update, query):
    return snippet(update, query)


@register.filter
def plain_text(value: str) -> str:
    """Sanitized HTML as plain text (tags gone, entities decoded): escaped once on output."""
    return html.unescape(strip_tags(value or ""))
