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
