"""What every model of the app shares: languages, and the days an update may report on."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


def reported_date_range() -> tuple[datetime.date, datetime.date]:
    """The days an update may report on: the war's start (or FRONTLINE_EARLIEST_DATE)
    to tomorrow, so a typo cannot put an update at the top of the site for years."""
    earliest = datetime.date.fromisoformat(str(settings.FRONTLINE_EARLIEST_DATE))
    return earliest, timezone.localdate() + datetime.timedelta(days=1)


def validate_reported_on(value: datetime.date | None) -> None:
    if value is None:
        return
    earliest, latest = reported_date_range()
    if not earliest <= value <= latest:
        raise ValidationError(
            _("%(date)s is outside the dates an update may report on: %(earliest)s to %(latest)s.")
            % {
                "date": value.isoformat(),
                "earliest": date_format(earliest),
                "latest": date_format(latest),
            },
            code="date_out_of_range",
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
