"""
Reads for anonymous public pages go to a read replica; everything else to the primary.

Enabled when ``DATABASE_REPLICA_URL`` is set (settings add the ``replica`` alias and this
router). ``ReplicaReadsMiddleware`` marks a request as a public read — an anonymous GET or
HEAD of a public URL, the same rule as the page cache — and only then does the router send
reads to the replica. Writes, the admin, the preview and any request of a signed-in editor
read the primary, so editors always see what they just saved (read-your-writes); readers
may see it a replication lag later, as they would from the cache.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, OperationalError, connections, router
from django.http import HttpResponse

from .caching import is_public_request

REPLICA = "replica"
_public_read: ContextVar[bool] = ContextVar("frontline_public_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _public_read.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two connections

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication


class PublicReadsMiddleware:
    """
    Marks anonymous public reads (for the router) and, on PostgreSQL, bounds each of their
    statements by ``FRONTLINE_PUBLIC_STATEMENT_TIMEOUT_MS``: no reader's request can hold
    a worker and the database for long. A statement cut off answers 503, not 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = is_public_request(request)
        token = _public_read.set(public)
        connection = None
        try:
            if public and settings.FRONTLINE_PUBLIC_STATEMENT_TIMEOUT_MS:
                from .models import Update

                connection = connections[router.db_for_read(Update)]
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SET statement_timeout = %s",
                            [int(settings.FRONTLINE_PUBLIC_STATEMENT_TIMEOUT_MS)],
                        )
                else:
                    connection = None
            return self.get_response(request)
        finally:
            _public_read.reset(token)
            if connection is not None and connection.connection is not None:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("RESET statement_timeout")
                except DatabaseError:
                    pass  # a broken connection is discarded anyway

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and "statement timeout" in str(exception):
            response = HttpResponse(
                "This request took too long and was stopped. Try a narrower search.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "10"
            return response
        return None
