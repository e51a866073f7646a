"""
Links to the outside world: only http and https, in and out.

Sources and quoted posts carry URLs that end up in ``href`` attributes. A
``javascript:`` or ``data:`` URL there runs script when a reader clicks it, so every way
in (the admin's forms and model validation, the importer's manifest and parsed posts)
refuses anything but http(s), and every way out (templates through the ``http_url``
filter, the API) drops what slipped past, such as rows stored before this rule.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

HTTP_SCHEMES = ("http", "https")

_validator = URLValidator(
    schemes=list(HTTP_SCHEMES),
    message=_("Enter a web address starting with http:// or https://."),
    code="not_http",
)


def validate_http_url(value: str) -> None:
    """ValidationError unless ``value`` is an http(s) URL (empty is left to ``blank``)."""
    if value:
        _validator(value)


def is_http_url(value: str) -> bool:
    try:
        validate_http_url(value)
    except ValidationError:
        return False
    return bool(value)


def http_url(value) -> str:
    """``value`` when it is an http(s) URL, else the empty string (for rendering)."""
    value = str(value or "").strip()
    if not value or any(ord(c) < 32 for c in value):
        return ""
    scheme = urlsplit(value).scheme.lower() if "://" in value else ""
    return value if scheme in HTTP_SCHEMES else ""
