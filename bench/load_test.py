"""Load test: gunicorn on PostgreSQL, 50 clients for 60 s, analysts reading, editors writing.

    .venv/bin/python bench/load_test.py [--clients 50] [--seconds 60] [--writers 5]
        [--database postgres://postgres@127.0.0.1:5432/tracker_load] [--workers 5]

It creates (or empties) the database, migrates it, loads the seed data and makes one
editor per writing client, then starts gunicorn on 127.0.0.1 with production settings
and drives it from threads on this machine only. Readers walk the analysts' pages;
writers sign in and add notes to the Vilnius text (each note carries a unique token),
at most one write every 0.2 s each. Every request has a timeout, the run stops after
--seconds, and the script then checks that every write the server acknowledged is in
the database. It prints requests, errors and latency percentiles per kind, and exits
non-zero on any error or any lost write.
"""

import argparse
import http.cookiejar
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
READ_PATHS = [
    "/",
    "/summits/",
    "/summits/vilnius-2023/",
    "/documents/vilnius-2023-communique/",
    "/documents/vilnius-2023-communique/p27/",
    "/commitments/",
    "/commitments/?category=defence_spending&review=confirmed",
    "/commitments/vilnius-2023-defence-spending-2-pct-gdp/",
    "/commitments/vilnius-2023-major-equipment-20-pct/",
    "/allies/pol/",
    "/allies/",
    "/search/?q=défense",
    "/commitments/export.csv",
]
PASSWORD = "load-test-editor-password"


def run(args, env, **kw):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kw)


def prepare(database: str, writers: int, env: dict) -> list[list]:
    """A fresh database with the seed, and the editors; returns [paragraph id, a word]."""
    name = urllib.parse.urlparse(database).path.lstrip("/")
    admin_url = database.rsplit("/", 1)[0] + "/postgres"
    script = f"""
import psycopg
with psycopg.connect({admin_url!r}, autocommit=True) as c:
    c.execute('DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    c.execute('CREATE DATABASE "{name}"')
"""
    run([PYTHON, "-c", script], env)
    run([PYTHON, "manage.py", "migrate", "-v0"], env)
    run([PYTHON, "manage.py", "loaddata", "summits", "progress", "commitments", "-v0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    make_users = f"""
from django.contrib.auth.models import Group, User
from summits.models import Paragraph
editors = Group.objects.get(name="Editors")
for i in range({writers}):
    user, _ = User.objects.get_or_create(username=f"load-editor-{{i}}")
    user.set_password({PASSWORD!r}); user.save(); user.groups.add(editors)
rows = Paragraph.objects.filter(document__slug="vilnius-2023-communique", number__isnull=False)
print(json.dumps([[pk, text.split()[1]] for pk, text in rows.values_list("pk", "text")]))
"""
    out = run(
        [PYTHON, "manage.py", "shell", "-c", "import json\n" + make_users], env,
        capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def csrf(self) -> str:
        return next(c.value or "" for c in self.jar if c.name == "csrftoken")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {"read": [], "write": []}
        self.errors: list[str] = []
        self.acknowledged: list[str] = []

    def record(self, kind: str, seconds: float, error: str | None = None):
        with self.lock:
            self.latency[kind].append(seconds)
            if error:
                self.errors.append(error)


def reader(base: str, deadline: float, stats: Stats, seed: int):
    rng = random.Random(seed)
    client = Client(base)
    while time.monotonic() < deadline:
        path = rng.choice(READ_PATHS)
        started = time.perf_counter()
        try:
            status, _body = client.request(urllib.parse.quote(path, safe="/?=&"))
            error = None if status == 200 else f"GET {path}: {status}"
        except OSError as failure:
            error = f"GET {path}: {failure}"
        stats.record("read", time.perf_counter() - started, error)


def writer(base: str, deadline: float, stats: Stats, index: int, paragraphs: list[list]):
    rng = random.Random(1000 + index)
    client = Client(base)
    client.request("/accounts/login/")
    status, _ = client.request(
        "/accounts/login/",
        {
            "username": f"load-editor-{index}",
            "password": PASSWORD,
            "csrfmiddlewaretoken": client.csrf(),
        },
    )
    if status != 302:
        stats.record("write", 0.0, f"login of load-editor-{index}: {status}")
        return
    while time.monotonic() < deadline:
        pk, quote = rng.choice(paragraphs)
        started = time.perf_counter()
        try:
            client.request(f"/paragraphs/{pk}/annotations/new/")
            token = secrets.token_hex(8)
            status, _ = client.request(
                f"/paragraphs/{pk}/annotations/new/",
                {
                    "quote": quote,
                    "body": f"Note de charge {token}",
                    "tags": "chiffre",
                    "csrfmiddlewaretoken": client.csrf(),
                },
            )
            if status == 302:
                with stats.lock:
                    stats.acknowledged.append(token)
                error = None
            else:
                error = f"POST note on {pk}: {status}"
        except OSError as failure:
            error = f"POST note on {pk}: {failure}"
        stats.record("write", time.perf_counter() - started, error)
        time.sleep(0.2)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/tracker_load")
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "SECURE_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    paragraphs = prepare(args.database, args.writers, env)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "nato_tracker.wsgi",
            "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
            "--access-logfile", "/dev/null",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                Client(base).request("/healthz")
                break
            except OSError:
                time.sleep(0.1)
        stats = Stats()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=writer, args=(base, deadline, stats, i, paragraphs))
            for i in range(args.writers)
        ] + [
            threading.Thread(target=reader, args=(base, deadline, stats, i))
            for i in range(args.clients - args.writers)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 30)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    check = (
        "from summits.models import Annotation; import sys; "
        "tokens = set(sys.stdin.read().split()); "
        "found = {b.rsplit(' ', 1)[-1] for b in Annotation.objects.filter("
        "body__startswith='Note de charge ').values_list('body', flat=True)}; "
        "print(len(tokens - found))"
    )
    out = run(
        [PYTHON, "manage.py", "shell", "-c", check], env,
        input="\n".join(stats.acknowledged), capture_output=True, text=True,
    )  # fmt: skip
    lost = int(out.stdout.strip().splitlines()[-1])

    print(f"{args.clients} clients ({args.writers} editors writing) for {elapsed:.0f} s, "
          f"gunicorn {args.workers} workers, PostgreSQL")  # fmt: skip
    print("| kind | requests | errors | req/s | median ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, values in stats.latency.items():
        errors = sum(1 for e in stats.errors if e.startswith("GET" if kind == "read" else "POST"))
        print(
            f"| {kind} | {len(values)} | {errors} | {len(values) / elapsed:.1f} | "
            f"{statistics.median(values) * 1000 if values else 0:.0f} | "
            f"{percentile(values, 0.95) * 1000:.0f} | {percentile(values, 0.99) * 1000:.0f} |"
        )
    print(f"writes acknowledged: {len(stats.acknowledged)}, missing from the database: {lost}")
    for error in stats.errors[:10]:
        print("error:", error)
    sys.exit(1 if stats.errors or lost else 0)


if __name__ == "__main__":
    main()
