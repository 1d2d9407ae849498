"""A throwaway PostgreSQL cluster for the tests, and a small admin helper for any server.

``PgCluster`` runs ``initdb`` into a fresh temporary directory, starts ``postgres`` with trust
authentication, listening on 127.0.0.1 at a free port (and, on POSIX, on a Unix socket inside the
same temporary directory), and removes everything again on ``stop()`` or at interpreter exit.
Durability is switched off (``fsync=off`` and friends): the data is thrown away anyway.

PostgreSQL refuses to run as root, so when the tests run as root (as CI does) every server
command runs as the ``postgres`` OS user through ``runuser -u postgres --`` and the temporary
directory is handed to that user.

``PgServer`` wraps an admin URL (of the throwaway cluster, or of a server named by
``CLIENTJOURNAL_TEST_POSTGRES_URL``) and creates and drops uniquely named databases on it.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

if os.name == "posix":
    import pwd

SUPERUSER = "postgres"
SERVER_OS_USER = "postgres"
DRIVER = "postgresql+psycopg"

# Where distributions put the server binaries: Debian/Ubuntu first, then other common places.
_BINDIR_GLOBS = (
    "/usr/lib/postgresql/*/bin",
    "/usr/pgsql-*/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
    "/usr/local/opt/postgresql@*/bin",
    "/Applications/Postgres.app/Contents/Versions/*/bin",
    "C:/Program Files/PostgreSQL/*/bin",
)


_PREFIX = "cj-pg-"
_OWNER_FILE = "owner.pid"


class PgClusterError(RuntimeError):
    """The throwaway cluster could not be created or started."""


def _exe(name: str) -> str:
    return f"{name}.exe" if os.name == "nt" else name


def _version_key(path: Path) -> tuple[int, ...]:
    numbers = re.findall(r"\d+", str(path))
    return tuple(int(n) for n in numbers)


def find_pg_bindir() -> Path | None:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``, or None if there is none.

    ``CLIENTJOURNAL_PG_BINDIR`` wins; then the highest version under the usual install locations;
    then whatever ``pg_ctl`` is on PATH.
    """
    override = os.environ.get("CLIENTJOURNAL_PG_BINDIR")
    if override:
        path = Path(override)
        return path if _has_server_binaries(path) else None
    candidates = [
        Path(match)
        for pattern in _BINDIR_GLOBS
        for match in glob.glob(pattern)
        if _has_server_binaries(Path(match))
    ]
    if candidates:
        return max(candidates, key=_version_key)
    on_path = shutil.which("pg_ctl")
    if on_path:
        path = Path(on_path).resolve().parent
        if _has_server_binaries(path):
            return path
    return None


def _has_server_binaries(path: Path) -> bool:
    return all((path / _exe(name)).is_file() for name in ("initdb", "pg_ctl", "postgres"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _give_to_server_user(*paths: Path) -> None:
    entry = pwd.getpwnam(SERVER_OS_USER)
    for path in paths:
        os.chown(path, entry.pw_uid, entry.pw_gid)


@dataclass
class PgCluster:
    """One throwaway cluster; ``start()`` it, use ``admin_url``, then ``stop()`` it."""

    bindir: Path
    port: int = 0
    basedir: Path | None = None
    _started: bool = False

    @property
    def datadir(self) -> Path:
        assert self.basedir is not None, "cluster not started"
        return self.basedir / "data"

    @property
    def socketdir(self) -> Path:
        assert self.basedir is not None, "cluster not started"
        return self.basedir / "socket"

    @property
    def logfile(self) -> Path:
        assert self.basedir is not None, "cluster not started"
        return self.basedir / "postgres.log"

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for ``database`` on this cluster (TCP on 127.0.0.1, trust auth)."""
        return f"{DRIVER}://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self, attempts: int = 3) -> PgCluster:
        """Create and start the cluster; retries on another port if the chosen one was taken."""
        if self._started:
            return self
        reap_orphaned_clusters(self.bindir)
        self._make_basedir()
        atexit.register(self.stop)
        self._initdb()
        last_error: PgClusterError | None = None
        for _ in range(attempts):
            self.port = _free_port()
            self._write_config()
            try:
                self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.logfile))
            except PgClusterError as exc:
                last_error = exc
                time.sleep(0.2)
                continue
            self._started = True
            return self
        self.stop()
        raise last_error or PgClusterError("PostgreSQL did not start")

    def stop(self) -> None:
        """Stop the server (fast, no checkpoint) and remove the temporary directory. Idempotent."""
        if self.basedir is None:
            return
        if self._started and (self.datadir / "postmaster.pid").exists():
            with contextlib.suppress(PgClusterError, OSError):
                self._pg_ctl("stop", "-m", "immediate", "-w", "-t", "30")
        self._started = False
        shutil.rmtree(self.basedir, ignore_errors=True)
        self.basedir = None

    def __enter__(self) -> PgCluster:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- internals ---------------------------------------------------------------------------

    def _make_basedir(self) -> None:
        # Keep the path short: a Unix socket path must fit in ~107 bytes.
        parent = "/tmp" if os.name == "posix" and Path("/tmp").is_dir() else None
        self.basedir = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=parent))
        (self.basedir / _OWNER_FILE).write_text(str(os.getpid()))
        self.socketdir.mkdir()
        if _running_as_root():
            _give_to_server_user(self.basedir, self.socketdir)

    def _command(self, *argv: str) -> list[str]:
        if _running_as_root():
            runuser = shutil.which("runuser")
            if runuser is None:
                raise PgClusterError("running as root, but `runuser` is missing to drop to postgres")
            return [runuser, "-u", SERVER_OS_USER, "--", *argv]
        return list(argv)

    def _run(self, *argv: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.setdefault("LC_ALL", "C")
        assert self.basedir is not None
        proc = subprocess.run(
            self._command(*argv),
            cwd=self.basedir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            log = ""
            with contextlib.suppress(OSError):
                log = self.logfile.read_text(errors="replace")[-4000:]
            raise PgClusterError(
                f"{' '.join(argv)} failed with exit code {proc.returncode}\n"
                f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}\nserver log (tail):\n{log}"
            )

    def _initdb(self) -> None:
        self._run(
            str(self.bindir / _exe("initdb")),
            "-D",
            str(self.datadir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )

    def _write_config(self) -> None:
        socket_dirs = str(self.socketdir) if os.name == "posix" else ""
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{socket_dirs}'",
            "max_connections": "100",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "logging_collector": "off",
        }
        # postgresql.auto.conf is read last, so rewriting it on a retry replaces the port.
        text = "".join(f"{key} = {value}\n" for key, value in settings.items())
        auto_conf = self.datadir / "postgresql.auto.conf"
        auto_conf.write_text(text)
        if _running_as_root():
            _give_to_server_user(auto_conf)

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bindir / _exe("pg_ctl")), "-D", str(self.datadir), *args)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def reap_orphaned_clusters(bindir: Path) -> None:
    """Stop and remove throwaway clusters whose test process died without cleaning up.

    ``atexit`` does not run when the interpreter is killed or aborts (a crashing Qt test, say), which
    would leave a server running; the next session tidies up after it. POSIX only.
    """
    if os.name != "posix":
        return
    for base in sorted(Path("/tmp").glob(f"{_PREFIX}*")):  # where _make_basedir puts them
        try:
            owner = int((base / _OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if _process_alive(owner):
            continue
        PgCluster(bindir, basedir=base, _started=True).stop()


class PgServer:
    """Creates and drops throwaway databases on a server reached through ``admin_url``."""

    def __init__(self, admin_url: str) -> None:

        self._base = make_url(admin_url)
        self.admin_url = admin_url
        # NullPool: no admin connection lingers between calls (or blocks a DROP DATABASE).
        self._engine = create_engine(self._base, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def url(self, database: str) -> str:
        """The URL of ``database`` on this server (same user, host and options as the admin URL)."""
        return self._base.set(database=database).render_as_string(hide_password=False)

    def create_database(self, prefix: str = "cj_test") -> str:
        """Create a new, empty database with a unique name and return that name."""
        name = f"{prefix}_{uuid.uuid4().hex[:16]}"
        with self._engine.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name``, first cutting off any connection a test left open."""
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise ValueError(f"refusing to drop a database with an odd name: {name!r}")
        with self._engine.connect() as conn:
            version = int(conn.execute(text("SHOW server_version_num")).scalar_one())
            if version >= 130000:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))

    def database_exists(self, name: str) -> bool:
        with self._engine.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
        return found is not None

    def dispose(self) -> None:
        self._engine.dispose()


def main() -> int:
    """``python tests/support/pg_cluster.py``: start a cluster, print its URL, wait for Ctrl+C."""
    bindir = find_pg_bindir()
    if bindir is None:
        print("no PostgreSQL server binaries found", file=sys.stderr)
        return 1
    with PgCluster(bindir) as cluster:
        print(cluster.admin_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
