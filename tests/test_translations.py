"""Every translation catalogue is complete, compiled, and used by the pages."""

import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.conftest import make_update

CATALOGUES = sorted(path for folder in settings.LOCALE_PATHS for path in Path(folder).rglob("*.po"))


def test_there_is_a_dutch_catalogue():
    assert any("/nl/" in str(path) for path in CATALOGUES)


@pytest.mark.parametrize("path", CATALOGUES, ids=str)
def test_no_catalogue_entry_is_empty_or_fuzzy(path):
    catalogue = polib.pofile(str(path))
    empty = [e.msgid for e in catalogue.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not empty, f"{path}: untranslated {empty}"
    assert not fuzzy, f"{path}: fuzzy {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=str)
def test_translations_keep_every_placeholder(path):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for entry in polib.pofile(str(path)).translated_entries():
        wanted = set(placeholder.findall(entry.msgid + (entry.msgid_plural or "")))
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert set(placeholder.findall(text)) <= wanted, (entry.msgid, text)
            if not entry.msgid_plural:
                assert set(placeholder.findall(text)) == wanted, (entry.msgid, text)


@pytest.mark.parametrize("path", CATALOGUES, ids=str)
def test_the_compiled_catalogue_matches_its_source(path):
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(path.with_suffix(".mo")))}
    for entry in polib.pofile(str(path)).translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"{entry.msgid!r} is not compiled: run compilemessages"
        assert (found.msgstr, found.msgstr_plural) == (entry.msgstr, entry.msgstr_plural)


@pytest.mark.django_db
def test_dutch_pages_translate_placeholders_and_plurals(client):
    update = make_update(reported_on=datetime.date(2023, 2, 13))
    from updates.models import MapImage

    for reference in ("a.png", "b.png"):
        MapImage.objects.create(update=update, original_reference=reference)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    month = client.get("/updates/2023/02/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Updates in februari 2023" in month
    detail = client.get(update.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "2 kaarten nog niet geüpload" in detail


def test_admin_labels_are_translated():
    from updates.models import MapImage, Update

    with translation.override("nl"):
        assert str(Update._meta.get_field("reported_on").verbose_name) == "gaat over"
        assert str(MapImage._meta.verbose_name_plural) == "kaartbeelden"
