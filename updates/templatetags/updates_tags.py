from django import template

from ..search import snippet

register = template.Library()


@register.simple_tag
def search_snippet(update, query):
    return snippet(update, query)
