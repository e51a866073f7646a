"""
A PostgreSQL server of one's own, and the site served against it by gunicorn.

The outage test and benchmark stop and start a database; they must never touch the
shared server, so they run PostgreSQL's own ``initdb``/``pg_ctl`` in a throw-away folder
on a free port (as the ``postgres`` OS user when run as root: PostgreSQL refuses root).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEARCH_PATHS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def postgres_binary(name: str) -> str | None:
    for folder in SEARCH_PATHS:
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which(name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivatePostgres:
    """initdb, start, stop and remove a PostgreSQL cluster in a temporary folder."""

    def __init__(self) -> None:
        self.initdb = postgres_binary("initdb")
        self.pg_ctl = postgres_binary("pg_ctl")
        if not (self.initdb and self.pg_ctl):
            raise RuntimeError("PostgreSQL's initdb/pg_ctl are not installed")
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="frontline-private-pg-"))
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, user="postgres", group="postgres")

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> "PrivatePostgres":
        self._run(self.initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(self.pg_ctl, "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "log"), "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production process: DEBUG off, a real key, this database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FRONTLINE_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SECRET_KEY="outage-test-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_DEBUG="false",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], cwd: Path = PROJECT_ROOT) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=cwd, env=env, check=True,
        capture_output=True, timeout=300,
    )  # fmt: skip


class SiteServer:
    """The site under gunicorn (one worker, as in production) on a free port."""

    def __init__(self, env: dict[str, str], cwd: Path = PROJECT_ROOT, worker_timeout: int = 30):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # A file, not a pipe: a pipe nobody reads fills up with logged errors and then
        # blocks the server mid-request.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "frontline.wsgi", "--bind",
             f"127.0.0.1:{self.port}", "--workers", "1", "--threads", "4",
             "--timeout", str(worker_timeout)],
            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=self.log,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.read_log()[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not start in 60 s")

    def get(self, path: str, timeout: float = 60, headers: dict | None = None):
        """(status, headers, body, seconds) of one GET; a dropped connection is status 0."""
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                status, header, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, header, body = error.code, error.headers, error.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status, header, body = 0, {}, b""
        return status, header, body.decode("utf-8", "replace"), time.monotonic() - started

    def read_log(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
