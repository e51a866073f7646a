"""Test settings: the project's own, with what a test run needs on top."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")

from frontline.settings import *  # noqa: E402, F403

# Real files on disk, in a folder of their own that the run throws away.
MEDIA_ROOT = tempfile.mkdtemp(prefix="frontline-test-media-")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    # The manifest needs collectstatic; tests/test_settings.py runs that for real.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = tempfile.mkdtemp(prefix="frontline-test-static-")
FRONTLINE_SERVE_MEDIA = True
FRONTLINE_TILE_URL = ""

# A second connection alias to the same database, as a read replica would be: the router
# test (tests/test_routing.py) turns the router on; everywhere else it stays off.
DATABASES = {
    **DATABASES,  # noqa: F405
    "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}},  # noqa: F405
}
