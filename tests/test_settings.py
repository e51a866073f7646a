import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-production-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "frontline.example.org",
}


def run_manage(*args, env_extra=None):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FRONTLINE_")) and key != "DATABASE_URL"
    }
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    for key in (None, "", "   "):
        env = {"DJANGO_ALLOWED_HOSTS": "frontline.example.org"}
        if key is not None:
            env["DJANGO_SECRET_KEY"] = key
        result = run_manage("check", env_extra=env)
        assert result.returncode != 0
        assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_flags_the_development_secret_key():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env_extra={"DJANGO_ALLOWED_HOSTS": "frontline.example.org", "DJANGO_DEBUG": "true"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_development_runs_with_debug_and_no_other_variable():
    result = run_manage("check", env_extra={"DJANGO_DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_collectstatic_writes_fingerprinted_files(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        env_extra={**PRODUCTION_ENV, "DJANGO_STATIC_ROOT": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    hashed = [p.name for p in (tmp_path / "css").glob("site.*.css")]
    assert hashed, "no fingerprinted site.css"
    assert (tmp_path / "staticfiles.json").is_file()
    assert list((tmp_path / "leaflet").glob("leaflet.*.js"))


@pytest.mark.skipif(
    os.environ.get("FRONTLINE_REQUIRE_SERVICES") != "true"
    and not os.environ.get("DJANGO_CACHE_URL"),
    reason="the cache pass (DJANGO_CACHE_URL) runs with the PostgreSQL pass",
)
def test_the_configured_redis_cache_is_really_used():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    cache.set("frontline-test", {"ok": 1}, 30)
    assert cache.get("frontline-test") == {"ok": 1}
    import redis

    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    assert any(b"frontline-test" in key for key in client.keys("*frontline-test*"))
    cache.delete("frontline-test")


def test_the_postgresql_pass_really_uses_postgresql():
    from django.db import connection

    if os.environ.get("FRONTLINE_REQUIRE_SERVICES") == "true":
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor == "sqlite"


def test_nothing_in_the_repository_names_a_machine_path():
    root = Path(settings.BASE_DIR)
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=root, capture_output=True, text=True
    ).stdout.split()
    offenders = [
        name
        for name in tracked
        if (root / name).is_file()
        and name != "tests/test_settings.py"
        and any(
            marker in (root / name).read_text(errors="ignore")
            for marker in ("/work/", "/root/", "/tmp/venv", "/home/")
        )
    ]
    assert offenders == []


def test_an_app_server_freezes_what_loading_made():
    # The collector's full passes would walk every object Django and the project loaded,
    # holding a request up by tens of milliseconds every few hundred requests.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FRONTLINE_")) and key != "DATABASE_URL"
    }
    result = subprocess.run(
        [sys.executable, "-c", "import gc, frontline.wsgi; print(gc.get_freeze_count())"],
        cwd=settings.BASE_DIR,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 50_000
