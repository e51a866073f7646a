"""Production settings plus what the site benchmark needs (used only by benchmarks/site.py)."""

import os

from frontline.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
MIDDLEWARE = ["benchmarks.bench_urls.count_queries", *MIDDLEWARE]  # noqa: F405
if os.environ.get("BENCH_NO_CACHE") == "true":
    # The uncached pass: every request does the work a cold cache would.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
