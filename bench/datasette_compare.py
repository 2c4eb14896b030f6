"""Throughput of the tracker beside Datasette, serving the same SQLite data.

Installs nothing: it expects Datasette and gunicorn in a separate environment,

    python3.12 -m venv bench/.venv
    bench/.venv/bin/pip install datasette gunicorn -r requirements/app.txt

then, on a database built as bench/benchmark.py says,

    bench/.venv/bin/python bench/datasette_compare.py --database /tmp/scale.sqlite3

It serves the database with the app under gunicorn (port 8006, DEBUG off) and a copy
of it with Datasette (port 8106; the copy gets a full-text index on the paragraphs,
which Datasette's ?_search= needs), with the same number of worker processes, drives
each in turn with the same bounded load on 127.0.0.1 (a fixed number of client threads
for a fixed time, a new connection per request), and prints requests per second and
the ratio for each compared page: the paragraphs of one document, and a text search.
"""

import argparse
import http.client
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
APP_PORT = 8006
DATASETTE_PORT = 8106
READER = "scale-annotated-communique"
SEARCH_WORD = "défense"


def load(port: int, path: str, *, seconds: float, threads: int) -> dict:
    """Send GET path from `threads` threads for `seconds`; count answers by status."""
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    failures = [0]

    def worker():
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
            try:
                connection.request("GET", path, headers={"Connection": "close"})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    mine.append(time.perf_counter() - started)
                else:
                    failed += 1
            except OSError:
                failed += 1
            finally:
                connection.close()
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": len(latencies) / elapsed,
        "ok": len(latencies),
        "failed": failures[0],
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
    }


def wait_until_up(port: int, path: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server on port {port} stopped (exit {process.returncode}).")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return
            raise SystemExit(f"GET {path} on port {port} answered {status}.")
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Nothing answered on port {port} within {seconds:.0f} s.")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def add_full_text_index(path: Path) -> None:
    """The FTS5 table Datasette looks for (content="summits_paragraph") for ?_search=."""
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS summits_paragraph_fts USING fts5("
            'text, content="summits_paragraph", content_rowid="id", '
            "tokenize='unicode61 remove_diacritics 2')"
        )
        db.execute("INSERT INTO summits_paragraph_fts(summits_paragraph_fts) VALUES('rebuild')")


def reader_document_id(path: Path) -> int:
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT id FROM summits_document WHERE slug = ?", (READER,)).fetchone()
    if row is None:
        raise SystemExit(f"No document {READER!r}: run manage.py generate_scale_data first.")
    return row[0]


def app_has_search(env: dict) -> bool:
    check = (
        "from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/search/')\nexcept Resolver404:\n    raise SystemExit(1)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", check], cwd=ROOT, env=env, capture_output=True
    )
    return result.returncode == 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, required=True, help="the SQLite file")
    parser.add_argument("--workers", type=int, default=1, help="processes for each server")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=10, help="load duration per page")
    args = parser.parse_args(argv)
    bin_dir = Path(sys.executable).parent
    for tool in ("datasette", "gunicorn"):
        if not (bin_dir / tool).exists():
            raise SystemExit(f"{tool} is not installed beside {sys.executable}; see --help.")
    database = args.database.resolve()
    document_id = reader_document_id(database)

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "false",
        "SECRET_KEY": "datasette-comparison-only",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": HOST,
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "GUNICORN_BIND": f"{HOST}:{APP_PORT}",
        "GUNICORN_WORKERS": str(args.workers),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    pages = [
        (
            "paragraphs of one document (300)",
            f"/documents/{READER}/",
            f"/db/summits_paragraph?document_id={document_id}&_size=300",
        )
    ]
    if app_has_search(env):
        pages.append(
            (
                f"text search “{SEARCH_WORD}”",
                f"/search/?q={quote(SEARCH_WORD)}",
                f"/db/summits_paragraph?_search={quote(SEARCH_WORD)}",
            )
        )
    else:
        print("The app has no /search/ page in this build: only the paragraph list is compared.")

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "db.sqlite3"
        shutil.copyfile(database, copy)
        add_full_text_index(copy)
        results = {}
        app = subprocess.Popen(
            [
                str(bin_dir / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "nato_tracker.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(APP_PORT, pages[0][1], app)
            for name, app_path, _datasette_path in pages:
                load(APP_PORT, app_path, seconds=2, threads=args.threads)  # warm-up
                results[(name, "app")] = load(
                    APP_PORT, app_path, seconds=args.seconds, threads=args.threads
                )
        finally:
            stop(app)
        datasette = subprocess.Popen(
            [
                str(bin_dir / "datasette"),
                "serve",
                str(copy),
                "--host",
                HOST,
                "--port",
                str(DATASETTE_PORT),
                "--setting",
                "sql_time_limit_ms",
                "10000",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(DATASETTE_PORT, pages[0][2], datasette)
            for name, _app_path, datasette_path in pages:
                load(DATASETTE_PORT, datasette_path, seconds=2, threads=args.threads)
                results[(name, "datasette")] = load(
                    DATASETTE_PORT, datasette_path, seconds=args.seconds, threads=args.threads
                )
        finally:
            stop(datasette)

    print(
        f"{args.threads} client threads for {args.seconds:.0f} s per page on {HOST}; "
        f"{args.workers} gunicorn worker(s) (sync) / one Datasette process; "
        f"{os.cpu_count()} CPUs.\n"
    )
    print(
        "| page | app req/s | Datasette req/s | ratio app/Datasette | app median ms |"
        " Datasette median ms | failed (app/Datasette) |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, _app_path, _datasette_path in pages:
        ours, theirs = results[(name, "app")], results[(name, "datasette")]
        ratio = ours["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
        print(
            f"| {name} | {ours['rps']:.1f} | {theirs['rps']:.1f} | {ratio:.2f} | "
            f"{ours['median_ms']:.0f} | {theirs['median_ms']:.0f} | "
            f"{ours['failed']}/{theirs['failed']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
