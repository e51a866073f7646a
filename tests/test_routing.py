"""The read-replica router, with a second connection alias to the same database."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext, override_settings

from tests.conftest import make_update

ROUTED = override_settings(DATABASE_ROUTERS=["updates.routing.ReplicaRouter"])


def queries_per_alias(client, url, **extra):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url, **extra)
    assert response.status_code in (200, 302), url
    return len(primary), len(replica)


@ROUTED
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_anonymous_reads_go_to_the_replica_and_editors_to_the_primary(client, django_user_model):
    update = make_update()
    for url in ["/", update.get_absolute_url(), "/api/updates/", "/places/"]:
        primary, replica = queries_per_alias(client, url)
        assert replica > 0 and primary == 0, url

    editor = django_user_model.objects.create_user("ed", password="x" * 12, is_staff=True,
                                                   is_superuser=True)  # fmt: skip
    client.force_login(editor)
    update.title = "Just saved"
    update.save()
    primary, replica = queries_per_alias(client, "/")
    assert primary > 0 and replica == 0  # read-your-writes: editors read the primary
    assert "Just saved" in client.get("/").content.decode()
    primary, replica = queries_per_alias(client, "/admin/updates/update/")
    assert primary > 0 and replica == 0


@ROUTED
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_writes_and_migrations_belong_to_the_primary():
    from django.db import router

    from updates.models import Update

    assert router.db_for_write(Update) == "default"
    assert router.db_for_read(Update) == "default"  # outside a public request
    assert router.allow_migrate("replica", "updates") is False


@pytest.mark.django_db
def test_public_reads_run_under_a_statement_timeout(client, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    settings.FRONTLINE_PUBLIC_STATEMENT_TIMEOUT_MS = 1234
    make_update()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/?q=Bakhmut").status_code == 200
    assert queries[0]["sql"] == "SET statement_timeout = 1234"
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"  # reset after the request: admin and imports unbounded


@pytest.mark.django_db
def test_a_statement_cut_off_by_the_timeout_is_a_503(settings):
    from django.db import connection
    from django.test import RequestFactory

    from updates.routing import PublicReadsMiddleware

    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    settings.FRONTLINE_PUBLIC_STATEMENT_TIMEOUT_MS = 50

    def slow_view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")

    middleware = PublicReadsMiddleware(slow_view)
    request = RequestFactory().get("/search/?q=x")
    with pytest.raises(Exception) as raised:  # the handler passes it to process_exception
        middleware(request)
    response = middleware.process_exception(request, raised.value)
    assert response.status_code == 503 and response["Retry-After"]
