"""The apps the benchmarks measure, each in a directory of its own, and what every benchmark
prints first (machine, load, commit) and last (MET / NOT MET).

`reflex run --env prod` rebuilds `.web/` of the folder it runs in with that run's port baked into
the frontend: run in the checkout, a benchmark would break an app already served from it. So
our app is built and served from a copy of the working tree in the benchmark's temporary
directory (without .web, .git, databases, data/ and generated assets; .venv and .tools are
linked, not copied), with PYTHONPATH pointing at the copy and a data directory of its own. The
blank Reflex app is made in the same temporary directory (`reflex init --template blank`).
"""

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BLANK_TEMPLATE = "reflex_base/.templates/apps/blank/code/blank.py"
# Top-level entries of the checkout that are not copied (.venv and .tools are linked instead).
NOT_COPIED = {
    ".web",
    ".git",
    ".venv",
    ".tools",
    ".states",
    "data",
    "test-results",
    "uploaded_files",
}
NOT_COPIED_ANYWHERE = {"__pycache__", ".ruff_cache", ".pytest_cache", ".mypy_cache"}
DATABASE_ENDINGS = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".log")
GENERATED = {Path("assets/texts")}  # written when the app is imported (gitignored)


# --- the copy and its environment --------------------------------------------------------------


def copy_checkout(dest: Path, tree: Path = ROOT) -> Path:
    """Copy the working tree `tree` (this checkout unless told) to `dest` (see the module
    docstring); return `dest`."""
    tree = tree.resolve()

    def ignore(directory: str, names: list[str]) -> set[str]:
        relative = Path(directory).resolve().relative_to(tree)
        skipped = {n for n in names if n in NOT_COPIED_ANYWHERE or n.endswith(DATABASE_ENDINGS)}
        skipped |= {n for n in names if relative / n in GENERATED}
        if relative == Path("."):
            skipped |= NOT_COPIED & set(names)
        return skipped

    shutil.copytree(tree, dest, ignore=ignore, symlinks=True)
    for name in (".venv", ".tools"):
        if (ROOT / name).exists():
            (dest / name).symlink_to(ROOT / name)
    return dest


def base_env(port: int) -> dict:
    """The environment of an app served on `port` (no Redis, one worker, no calls out)."""
    base = f"http://localhost:{port}"
    env = {
        **os.environ,
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{BIN}:{os.environ.get('PATH', '')}",
        "REFLEX_CORS_ALLOWED_ORIGINS": f"{base},http://127.0.0.1:{port}",
    }
    for name in ("REFLEX_REDIS_URL", "GRANIAN_WORKERS", "REFLEX_DB_URL", "PYTHONPATH"):
        env.pop(name, None)
    return env


def copy_env(copy: Path, port: int, db_url: str, **extra: str) -> dict:
    """Our app's environment: the copy's code (PYTHONPATH), its own data directory.

    Also points this process's FAMILYWORK_DATA_DIR at the copy's data directory, so what the
    benchmark itself seals (the synthetic workers' TOTP secrets) uses the app's key."""
    os.environ["FAMILYWORK_DATA_DIR"] = str(copy / "data")
    return {
        **base_env(port),
        "PYTHONPATH": str(copy),
        "FAMILYWORK_DATA_DIR": str(copy / "data"),
        "REFLEX_DB_URL": db_url,
        "FAMILYWORK_PUBLIC_URL": f"http://localhost:{port}",
        **extra,
    }


def prepare_db(env: dict, cwd: Path) -> None:
    """Migrate the fresh database and load the demo data, with the copy's code."""
    for command in (
        [str(BIN / "alembic"), "upgrade", "head"],
        [sys.executable, "-m", "familywork_app.services.demo_data"],
    ):
        result = subprocess.run(command, cwd=cwd, env=env, check=False, capture_output=True)
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{result.stderr.decode()[-3000:]}")


def make_blank_app(workdir: Path, env: dict) -> tuple[Path, str]:
    """A blank Reflex app: `reflex init --template blank`, else the same template by hand."""
    app_dir = workdir / "blank_app"
    app_dir.mkdir()
    result = subprocess.run(
        [str(BIN / "reflex"), "init", "--template", "blank", "--no-agents"],
        check=False,
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
    )
    (workdir / "blank_init.log").write_text(result.stdout + result.stderr)
    if result.returncode == 0 and (app_dir / "blank_app" / "blank_app.py").exists():
        return app_dir, "reflex init --template blank"
    # By hand: the files `reflex init` writes (its blank page, a heading; its rxconfig).
    import reflex_base
    from reflex_base.compiler.templates import rxconfig_template

    template = Path(reflex_base.__file__).parents[1] / BLANK_TEMPLATE
    (app_dir / "blank_app").mkdir(exist_ok=True)
    (app_dir / "blank_app" / "__init__.py").write_text("")
    shutil.copy(template, app_dir / "blank_app" / "blank_app.py")
    (app_dir / "rxconfig.py").write_text(rxconfig_template(app_name="blank_app"))
    return app_dir, "written by hand from Reflex's blank template (reflex init failed)"


def start_app(cwd: Path, env: dict, port: int, probe: str, log: Path) -> subprocess.Popen:
    """`reflex run --env prod --single-port` in `cwd` (builds its frontend there), once `probe`
    answers 200. Stop it with `stop_app`."""
    with socket.socket() as taken:
        if taken.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"port {port} is taken (an earlier run still going?): choose another")
    command = [str(BIN / "reflex"), "run", "--env", "prod", "--single-port"]
    with open(log, "w") as out:
        process = subprocess.Popen(
            [*command, "--backend-port", str(port)],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the app in {cwd} exited:\n" + log.read_text()[-3000:])
        try:
            with urllib.request.urlopen(f"http://localhost:{port}{probe}", timeout=2) as response:
                if response.status == 200:
                    remember_compiled_hashes(cwd, port)
                    return process
        except OSError:
            pass
        time.sleep(1)
    stop_app(process)
    sys.exit(f"the app in {cwd} did not start:\n" + log.read_text()[-3000:])


def remember_compiled_hashes(app_dir: Path, port: int) -> None:
    """The hashes of the state defaults the app's frontend was built with, for the benchmark's
    page loads to send as a browser does (bench_load_client.hydrate_payload)."""
    import bench_load_client  # noqa: PLC0415  (imports the app's states; only when measuring)

    context = (app_dir / ".web" / "utils" / "context.jsx").read_text(encoding="utf-8")
    found = re.search(r"initialStateHashes = (\[[^\]]*\])", context)
    bench_load_client.COMPILED_HASHES[port] = json.loads(found.group(1)) if found else []


def stop_app(process: subprocess.Popen) -> None:
    from tests.processes import stop_process_group

    stop_process_group(process)


def start_ours_and_blank(
    workdir: Path, port: int, blank_port: int, tree: Path = ROOT
) -> tuple[list, str]:
    """Our app from a copy of `tree` (fresh SQLite database with the demo data) on `port` and
    the blank app on `blank_port`, both built and serving; (processes, database URL)."""
    copy = copy_checkout(workdir / "app", tree)
    db_url = f"sqlite:///{workdir / 'bench.db'}"
    env = copy_env(copy, port, db_url)
    prepare_db(env, copy)
    blank_env = base_env(blank_port)
    blank_dir, how = make_blank_app(workdir, blank_env)
    print(f"{'blank made by:':<15}{how}", flush=True)
    processes = []
    try:
        started = time.perf_counter()
        processes.append(start_app(copy, env, port, "/signin", workdir / "app.log"))
        print(f"our app built in {copy} and up in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        processes.append(start_app(blank_dir, blank_env, blank_port, "/", workdir / "blank.log"))
        print(f"blank app built and up in {time.perf_counter() - started:.0f} s", flush=True)
    except BaseException:
        for process in processes:
            stop_app(process)
        raise
    return processes, db_url


def add_tree_option(parser) -> None:
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="the working tree to copy, build and measure (default: this checkout; e.g. a "
        "worktree of another commit, to compare before and after)",
    )


# --- demo users --------------------------------------------------------------------------------


def new_sessions(db_url: str, email: str, count: int = 1) -> list[str]:
    """`count` live sessions of a demo user, inserted directly (no argon2, no TOTP), as
    auth.redeem_signin_ticket makes them; their tokens (the fw_session cookie)."""
    from sqlmodel import Session, select

    from familywork_app.db import make_engine
    from familywork_app.models import AuthSession, User, utcnow
    from familywork_app.services.security import new_token, token_hash

    tokens = [new_token() for _ in range(count)]
    with Session(make_engine(db_url)) as db:
        user_id = db.exec(select(User.id).where(User.email == email)).one()
        if user_id is None:
            sys.exit(f"no user {email}")
        for token in tokens:
            db.add(
                AuthSession(
                    user_id=user_id,
                    token_hash=token_hash(token),
                    expires_at=utcnow() + timedelta(hours=2),
                    user_agent="benchmark",
                )
            )
        db.commit()
    return tokens


def first_family_of(db_url: str, worker_email: str) -> int:
    """The id of the first active family of a demo worker (for the family record page)."""
    from sqlmodel import Session, select

    from familywork_app.db import make_engine
    from familywork_app.models import Family, User

    with Session(make_engine(db_url)) as db:
        worker = db.exec(select(User).where(User.email == worker_email)).one()
        family = db.exec(
            select(Family)
            .where(Family.worker_id == worker.id, Family.status == "active")
            .order_by(Family.id)  # type: ignore[arg-type]  # a column, not an int
        ).first()
        if family is None or family.id is None:
            sys.exit(f"{worker_email} has no active family in the demo data")
        return family.id


# --- printing ----------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        lines = []
    model = next((x.split(":", 1)[1].strip() for x in lines if x.startswith("model name")), "")
    return f"{os.cpu_count()} cores, {model or platform.processor() or 'unknown CPU'}"


def commit(tree: Path = ROOT) -> str:
    """The commit of `tree`, read from its .git (no git command; a worktree's .git file too)."""
    git = tree / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: <its directory in the main repository>"
            git = (tree / git.read_text().split(":", 1)[1].strip()).resolve()
        common = git
        if (git / "commondir").exists():
            common = (git / (git / "commondir").read_text().strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            if (common / ref).exists():
                head = (common / ref).read_text().strip()
            else:
                packed = (common / "packed-refs").read_text().splitlines()
                head = next(x.split()[0] for x in packed if x.endswith(" " + ref))
    except (OSError, IndexError, StopIteration):
        return f"unknown ({tree} has no readable .git)"
    return f"{head[:12]} (plus any uncommitted changes in the working tree)"


def load_average(when: str = "") -> str:
    figures = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return f"{figures} {when} (1, 5, 15 min)" if when else f"{figures} (1, 5, 15 min)"


def print_header(rows: list[tuple[str, object]], width: int = 15, tree: Path = ROOT) -> None:
    """Date, CPU, load average and the commit of `tree`, then the benchmark's own `rows`."""
    for label, value in [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{cpu_model()}, {platform.system()}"),
        ("load average", load_average("before the start")),
        ("commit", commit(tree)),
        *rows,
    ]:
        print(f"{label + ':':<{width}}{value}", flush=True)


def verdict(name: str, ok: bool, detail: str) -> bool:
    print(f"  {'MET    ' if ok else 'NOT MET'}  {name}: {detail}", flush=True)
    return ok
