"""A throwaway PostgreSQL server on loopback for the test run (Debian's postgresql package).

Started once per test session when the binaries exist (set FAMILYWORK_TEST_POSTGRES=0 to skip);
data lives in a temporary directory with fsync off. As root, the server runs as `postgres`.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def pg_bin_dir() -> Path | None:
    if os.environ.get("FAMILYWORK_TEST_POSTGRES", "auto") == "0":
        return None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PgServer:
    """initdb + pg_ctl start; `url(name)` gives a SQLAlchemy URL of a database on it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir, self.port = bin_dir, _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="fw-pg-"))
        self.data = self.root / "data"
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self, durable: bool = False) -> "PgServer":
        """Tests run without fsync; `durable` keeps PostgreSQL's defaults (the benchmark)."""
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        )
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.root / "pg.log"),
            "start",
        )
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
