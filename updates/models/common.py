"""What every model of the app shares: languages, the days an update may report on, and
text without control characters."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..text import CONTROL_CHARACTER


def reported_date_range() -> tuple[datetime.date, datetime.date]:
    """The days an update may report on: the war's start (or FRONTLINE_EARLIEST_DATE)
    to tomorrow, so a typo cannot put an update at the top of the site for years."""
    earliest = datetime.date.fromisoformat(str(settings.FRONTLINE_EARLIEST_DATE))
    return earliest, timezone.localdate() + datetime.timedelta(days=1)


def refuse_day_outside(
    value: datetime.date | None, days: tuple[datetime.date, datetime.date], message: str
) -> None:
    """A day outside ``days`` (first, last) is a validation error: ``message`` with its
    ``date``, ``earliest`` and ``latest`` filled in. No day (None) is not checked."""
    if value is None:
        return
    earliest, latest = days
    if not earliest <= value <= latest:
        raise ValidationError(
            message
            % {
                "date": value.isoformat(),
                "earliest": date_format(earliest),
                "latest": date_format(latest),
            },
            code="date_out_of_range",
        )


def validate_reported_on(value: datetime.date | None) -> None:
    refuse_day_outside(
        value,
        reported_date_range(),
        _("%(date)s is outside the dates an update may report on: %(earliest)s to %(latest)s."),
    )


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    DUTCH = "nl", _("Dutch")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")


# Language of an update -> PostgreSQL text search configuration.
SEARCH_CONFIGS = {Language.ENGLISH: "english", Language.DUTCH: "dutch"}


class PlainText(models.Model):
    """
    Text fields that hold no control character (tab and line breaks aside): PostgreSQL
    refuses NUL and XML 1.0 every other one, so one typed in the admin would make each feed
    showing it fail. Checked with the other field checks, as a form error on the field.
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, (models.CharField, models.TextField)):
                continue
            if exclude and field.name in exclude or field.name in errors:
                continue
            found = CONTROL_CHARACTER.search(getattr(self, field.attname) or "")
            if found:
                errors[field.name] = [
                    ValidationError(
                        _("A control character (U+%(code)04X) cannot be stored; remove it."),
                        code="control_character",
                        params={"code": ord(found.group())},
                    )
                ]
        if errors:
            raise ValidationError(errors)


_SLUG = "0slug0"  # a slug's stand-in: no path of the site holds it
_SLUG_PATH = re.compile(r"[-a-zA-Z0-9_]+")  # Django's slug path converter
_slug_urls: dict[tuple, str] = {}


def slug_url(viewname: str, slug: str) -> str:
    """
    ``reverse(viewname, kwargs={"slug": slug})``, resolved once per URL configuration and
    script prefix, then filled in: a list card links each of its places, and reverse()
    per link was a tenth of a list page's time.
    """
    from django.urls import get_script_prefix, get_urlconf, reverse

    if not _SLUG_PATH.fullmatch(slug):  # what <slug:…> refuses, reverse() refuses too
        return reverse(viewname, kwargs={"slug": slug})
    key = (viewname, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    if key not in _slug_urls:
        _slug_urls[key] = reverse(viewname, kwargs={"slug": _SLUG})
    return _slug_urls[key].replace(_SLUG, slug, 1)
