"""Search on a million paragraphs, on PostgreSQL (`make bench-search-1m`; not in CI).

    python bench/million.py [--database postgres://postgres@127.0.0.1:5432/tracker_1m]

The first time, it creates the database, migrates it, loads the seed data and
generates 1 000 000 paragraphs over 3 000 meetings (`generate_scale_data --seed 1949
--paragraphs 1000000 --summits 3000`, about twenty minutes on two cores), then
VACUUM ANALYZE. Every time, it times the search pages (bench/benchmark.py --pages
search, and the summit page for scale) against the target of 100 ms.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = "postgres://postgres@127.0.0.1:5432/tracker_1m"
PARAGRAPHS = 1_000_000
SUMMITS = 3_000
TARGET_MS = 100


def run(database: str, *args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "DATABASE_URL": database})


def create_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def paragraphs(url: str) -> int:
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT count(*) FROM summits_paragraph p JOIN summits_document d "
            "ON d.id = p.document_id WHERE d.slug LIKE 'scale-%'"
        ).fetchone()
    return row[0] if row else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT)
    parser.add_argument("--requests", default="30")
    args = parser.parse_args(argv)
    create_database(args.database)
    run(args.database, "migrate", "--noinput", "-v0")
    if paragraphs(args.database) == 0:
        run(args.database, "loaddata", "summits", "progress", "commitments", "-v0")
        run(
            args.database,
            "generate_scale_data",
            "--seed=1949",
            f"--paragraphs={PARAGRAPHS}",
            f"--summits={SUMMITS}",
        )
        with psycopg.connect(args.database, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    command = [
        sys.executable,
        "bench/benchmark.py",
        "--database",
        args.database,
        "--pages",
        "search,summit",
        "--search-target",
        str(TARGET_MS),
        "--requests",
        args.requests,
    ]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
