"""Test settings: the project's own, with what a test run needs on top."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
# Production settings refuse to start without a key (tests run with DEBUG off).
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "t" * 40)

from frontline.settings import *  # noqa: E402, F403

# Real files on disk, in a folder of their own that the run throws away.
MEDIA_ROOT = tempfile.mkdtemp(prefix="frontline-test-media-")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files as production has them: the fingerprinting manifest storage, filled once per
# run by collectstatic (tests/conftest.py) and served by WhiteNoise, so a page that names a
# file the manifest lacks, or a script that guesses unhashed URLs, fails here first.
STATIC_ROOT = tempfile.mkdtemp(prefix="frontline-test-static-")
FRONTLINE_SERVE_MEDIA = True
FRONTLINE_TILE_URL = ""

# A second connection alias to the same database, as a read replica would be: the router
# test (tests/test_routing.py) turns the router on; everywhere else it stays off.
DATABASES = {
    **DATABASES,  # noqa: F405
    "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}},  # noqa: F405
}
