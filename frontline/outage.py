"""
While the database is away, readers get a short 503 page (JSON under /api/) with
``Retry-After``, not a 500 or a request that hangs until the worker is killed.

The answer is built from a template and settings only: nothing here asks the database,
the session or the user. Views' errors reach ``DatabaseOutageMiddleware``; errors raised in
other middleware (a session saved at the end of a request) reach ``server_error``, the
project's 500 handler.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

try:
    from psycopg_pool import PoolTimeout
except ImportError:  # pragma: no cover - psycopg's pool is a dependency, but optional to Django
    PoolTimeout = OperationalError

OUTAGE_ERRORS = (OperationalError, InterfaceError, PoolTimeout)


def is_database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, OUTAGE_ERRORS)


def outage_response(request) -> HttpResponse:
    retry_after = settings.FRONTLINE_OUTAGE_RETRY_AFTER
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The database is unavailable. Try again shortly.", "status": 503},
            status=503,
        )
    else:
        context = {"retry_after": retry_after, "site_name": settings.FRONTLINE_SITE_NAME}
        page = loader.get_template("503.html").render(context)
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(retry_after)
    # An outage page must not be kept by a browser or a shared cache after the outage.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        return outage_response(request)


@requires_csrf_token
def server_error(request):
    """The 500 handler: a database outage is a 503 wherever in the request it surfaced."""
    if is_database_outage(sys.exc_info()[1]):
        return outage_response(request)
    from updates.views import server_error as site_server_error

    return site_server_error(request)
