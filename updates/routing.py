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


def replica_reads(get_response):
    def middleware(request):
        token = _public_read.set(is_public_request(request))
        try:
            return get_response(request)
        finally:
            _public_read.reset(token)

    return middleware
