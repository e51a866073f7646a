import datetime
import io
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from updates.models import Place, PlaceAlias, Source, Update

SEEDS = Path(settings.BASE_DIR) / "seeds"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a Dutch page requested by an
    earlier test must not leave Dutch active for the messages the next one checks."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """collectstatic once per run into the test STATIC_ROOT, as a release does."""
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


@pytest.fixture(scope="session")
def live_server(request, collected_static):
    """pytest-django's live server, but static files come from WhiteNoise and the manifest.

    pytest-django wraps the site in Django's StaticFilesHandler, which serves the unhashed
    source files from the finders; production serves collectstatic's fingerprinted copies.
    """
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = _without_static_handler
    server.start()
    yield server
    server.stop()


def _without_static_handler(application):
    return application


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password="correct horse battery", is_staff=True, is_superuser=True
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def png_bytes(size=(40, 30), color=(200, 30, 30), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def make_update(**fields) -> Update:
    defaults = {
        "title": "Situation near Bakhmut",
        "slug": "situation-near-bakhmut",
        "body": "Fighting continues near **Bakhmut**.",
        "reported_on": datetime.date(2023, 2, 2),
        "status": Update.Status.PUBLISHED,
        "language": "en",
    }
    defaults.update(fields)
    return Update.objects.create(**defaults)


def make_place(name="Kursk", aliases=(), **fields) -> Place:
    from django.utils.text import slugify

    place = Place.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)
    for alias in aliases:
        PlaceAlias.objects.create(place=place, name=alias)
    return place


def make_source(name="DeepState", **fields) -> Source:
    from django.utils.text import slugify

    return Source.objects.create(name=name, slug=slugify(name), **fields)


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    """A private copy of seeds/, so tests may edit documents without touching the project's."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def seeded(db):
    call_command("import_seeds", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _empty_cache():
    """
    Each test starts with no cached page (the cache outlives a test): a fresh content
    version, rather than a flush that would empty the Redis database for other users too.
    """
    import uuid

    from django.core.cache import cache

    from updates.caching import VERSION_KEY

    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    yield
