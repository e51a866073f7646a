"""
Public pages and API answers from the shared cache, with versioned keys.

Every anonymous GET of a public URL (pages, feeds, API, GeoJSON, sitemaps) is kept in
Django's cache under a key that holds the *content version*; any write to published
content (publish, edit, delete, import) moves the version on, so no reader ever gets a
page older than the last save. Responses carry an ETag (and keep any Last-Modified a view
set), answer ``If-None-Match`` with 304, and tell shared caches and CDNs they may hold
them (``Cache-Control: public, max-age, stale-while-revalidate``) — which is why an
anonymous reader gets no cookie and no ``Vary: Cookie``.

Staff (anyone with a session cookie) and every non-GET bypass this layer entirely.
When the cache is down, pages are computed as if it were empty: never an error.
"""

import datetime
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import get_language_from_request

logger = logging.getLogger(__name__)

VERSION_KEY = "frontline:content-version"
# When updates published for a later time come out (timestamps, soonest first), kept on
# every write: the version moves on when the first of them has passed.
SCHEDULED_KEY = "frontline:scheduled"
SCHEDULED_KEPT = 1000
# Paths never cached: editors' tools and anything that writes.
PRIVATE_PREFIXES = ("/admin/", "/preview/", "/markdownx/", "/i18n/", "/__")
KEPT_HEADERS = (
    "Content-Type",
    "Content-Encoding",
    "Content-Language",
    "Last-Modified",
    "Vary",
    "X-Frame-Options",
)


def _safely(action, default=None):
    try:
        return action()
    except Exception:  # any cache backend failure: serve uncached rather than fail
        logger.warning("Cache unavailable; serving uncached.", exc_info=True)
        return default


def content_version() -> str:
    stored = _safely(lambda: cache.get_many([VERSION_KEY, SCHEDULED_KEY]), {})
    version = stored.get(VERSION_KEY) or "0"
    scheduled = stored.get(SCHEDULED_KEY) or []
    now = time.time()
    # An update published for a later time has just come out: its places', sources' and
    # day's kept counts take it in, and pages may show it now (the counts' refresh moved
    # the version on and stored the times still to come, as every write does).
    if scheduled and scheduled[0] <= now and _came_out(scheduled[0], now):
        version = _safely(lambda: cache.get(VERSION_KEY)) or time.time_ns()
    return str(version)


def _came_out(since: float, now: float) -> bool:
    """Fix the kept counts for the updates published between ``since`` and ``now``; False
    when the database cannot be reached (the next request tries again)."""
    from .counts import published_content_changed
    from .models import Update

    start, end = (datetime.datetime.fromtimestamp(t, tz=datetime.UTC) for t in (since, now))
    try:
        with transaction.atomic():
            ids = list(
                Update.objects.filter(
                    status=Update.Status.PUBLISHED, published_at__gte=start, published_at__lte=end
                ).values_list("pk", flat=True)
            )
            published_content_changed(update_ids=ids)
    except DatabaseError:
        logger.warning("Kept counts not refreshed for scheduled updates.", exc_info=True)
        return False
    return True


def content_changed() -> None:
    """Published content changed: every cached page is stale from now on (and at commit)."""

    def bump():
        _safely(lambda: cache.set(VERSION_KEY, time.time_ns(), None))
        _safely(lambda: cache.set(SCHEDULED_KEY, _scheduled_times(), None))

    bump()  # at once, for this process and any reader of the uncommitted state...
    transaction.on_commit(bump)  # ...and again once the change is visible to everyone


def _scheduled_times() -> list[float]:
    """When the updates editors published for a later time come out (read on writes only)."""
    from .models import Update

    moments = (
        Update.objects.filter(status=Update.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)[:SCHEDULED_KEPT]
    )
    return [moment.timestamp() for moment in moments]


def is_public_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIVATE_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def page_key(request) -> str:
    language = get_language_from_request(request)
    # Stored as sent: compressed for clients that accept gzip (compressed once, not per hit).
    gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    raw = f"{request.get_host()}\x1f{request.get_full_path()}\x1f{language}\x1f{gzip}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return f"frontline:page:{content_version()}:{digest}"


def _public_headers(response) -> None:
    if response.has_header("Vary"):  # the page is the same whatever cookie a reader sends
        kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
        del response["Vary"]
        if kept:
            response["Vary"] = ", ".join(kept)
    patch_vary_headers(response, ("Accept-Language",))
    response["Cache-Control"] = (
        f"public, max-age={settings.FRONTLINE_CDN_MAX_AGE}, "
        f"stale-while-revalidate={settings.FRONTLINE_CDN_STALE_SECONDS}"
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        key = page_key(request)
        stored = _safely(lambda: cache.get(key))
        if stored is not None:
            status, headers, content, etag = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["ETag"] = etag
        else:
            response = self.get_response(request)
            if request.method != "GET" or not self._storable(response):
                return response
            response["ETag"] = (
                f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            )
            _public_headers(response)
            headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
            headers["Cache-Control"] = response["Cache-Control"]
            entry = (response.status_code, headers, response.content, response["ETag"])
            _safely(lambda: cache.set(key, entry, settings.FRONTLINE_PAGE_CACHE_SECONDS))
        last_modified = response.get("Last-Modified")
        from django.utils.http import parse_http_date_safe

        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
        return conditional

    @staticmethod
    def _storable(response) -> bool:
        return (
            response.status_code in (200, 301, 404)
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
