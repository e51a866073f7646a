"""
A database outage, for real: the site under gunicorn in production mode against a
PostgreSQL server of the test's own (tests/private_postgres.py), which the test stops and
starts again. The shared server is never touched.
"""

import json
import os
import time

import pytest

from tests.private_postgres import (
    PROJECT_ROOT,
    PrivatePostgres,
    SiteServer,
    manage,
    production_env,
)

# The two bounds the issue sets: an answer well before gunicorn's 30 s worker timeout (the
# pool waits DJANGO_DB_POOL_TIMEOUT = 3 s at most), and service back within 2 s.
ANSWER_WITHIN = 10.0
RECOVER_WITHIN = 2.0


@pytest.fixture(scope="module")
def private_postgres(collected_static):
    try:
        server = PrivatePostgres()
    except RuntimeError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    server.init()
    server.start()
    try:
        manage("migrate", "--noinput", env=production_env(server.url()))
        yield server
    finally:
        server.remove()


def wait_for_recovery(site: SiteServer, limit: float) -> tuple[int, float]:
    started = time.monotonic()
    status = 0
    attempt = 0
    while time.monotonic() - started < limit:
        attempt += 1  # a new address each time: the page cache must not answer for the database
        status = site.get(f"/updates/?attempt={attempt}", timeout=limit)[0]
        if status == 200:
            break
        time.sleep(0.05)
    return status, time.monotonic() - started


@pytest.mark.parametrize("pool", ["false", "true"], ids=["no-pool", "pool"])
def test_a_database_outage_is_a_fast_503_and_the_site_recovers_within_two_seconds(
    private_postgres, collected_static, pool
):
    env = production_env(
        private_postgres.url(), DJANGO_DB_POOL=pool, DJANGO_STATIC_ROOT=str(collected_static)
    )
    site = SiteServer(env)
    try:
        assert site.get("/")[0] == 200
        assert site.get("/api/updates/")[0] == 200

        private_postgres.stop()
        try:
            # A page readers just saw is still served from the page cache...
            assert site.get("/")[0] == 200
            # ...and one that needs the database is a fast, honest 503.
            status, headers, body, seconds = site.get("/updates/")
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert headers["Cache-Control"] == "no-store"
            assert "database is not answering" in body
            assert seconds < ANSWER_WITHIN

            status, headers, body, seconds = site.get("/api/updates/?limit=5")
            assert status == 503
            assert headers["Content-Type"] == "application/json"
            assert headers["Retry-After"] == "30"
            assert json.loads(body)["detail"].startswith("The database is unavailable")
            assert seconds < ANSWER_WITHIN
        finally:
            private_postgres.start()

        status, recovered_in = wait_for_recovery(site, limit=30)
        assert status == 200
        assert recovered_in < RECOVER_WITHIN, f"recovered in {recovered_in:.1f} s"
        assert site.get("/api/updates/")[0] == 200
    finally:
        site.stop()


def test_the_pool_waits_seconds_not_the_worker_timeout_and_checks_connections():
    import subprocess
    import sys

    env = production_env(
        "postgres://frontline@db.example.org:5432/frontline", DJANGO_DB_POOL="true"
    )
    script = (
        "import json; from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(json.dumps([d['OPTIONS'], d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE']]))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    options, health_checks, max_age = json.loads(result.stdout.strip().splitlines()[-1])
    assert options["pool"]["timeout"] == 3
    assert options["pool"]["reconnect_timeout"] == 2
    assert options["connect_timeout"] == 3
    # Django gives the pool ConnectionPool.check_connection when health checks are on: a
    # connection the server dropped is replaced before a request gets it.
    assert health_checks is True
    assert max_age == 0


def test_an_outage_that_surfaces_outside_a_view_is_a_503_too(rf):
    """A session saved at the end of a request fails in middleware: the 500 handler answers."""
    from django.db import OperationalError

    from frontline.outage import server_error

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/updates/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"database is not answering" in response.content

    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(rf.get("/updates/"))
    assert response.status_code == 500
