"""Time the tracker's pages in-process, on the database the environment names.

    python bench/benchmark.py --database sqlite:////tmp/scale.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/issue6 python bench/benchmark.py

Growth with the data: name two databases (or more), the smaller first, e.g. one built
with `generate_scale_data --seed 1949 --summits 30 --paragraphs 10000 --commitments 500
--annotations 2000` and one with the default sizes (ten times as much):

    python bench/benchmark.py --database sqlite:////tmp/scale-10k.sqlite3 \
        --database sqlite:////tmp/scale.sqlite3

Each database is measured in its own process, in turn, --rounds times (the last
round's reports are printed as below), then a table gives each page's median of the
rounds' medians on each and the ratio of the last to the first, against the target of
at most GROWTH_TARGET times.

The database must hold the seed data and the scale data:

    python manage.py migrate && python manage.py loaddata summits progress commitments
    python manage.py generate_scale_data --seed 1949

Search alone, on a million paragraphs (PostgreSQL; `make bench-search-1m` builds the
database, about half an hour):

    python bench/benchmark.py --database postgres://…/tracker_1m --pages search --search-target 100

For each page of PAGES: median and 95th percentile time of --requests requests (after
--warmup), the SQL queries of one request, and the share of the time spent in SQL (the
floor a page cannot go under without fewer or faster queries). Then the time to import
the Vilnius communiqué (in a transaction rolled back after each run) and the peak
Python memory of the CSV export at two row counts. Prints Markdown tables.

This is a measurement, not a test: it changes nothing in the database.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY_LIMIT = 12
PAGE_TARGET_MS = 30.0
SEARCH_TARGET_MS = 50.0
IMPORT_TARGET_MS = 300.0
EXTRACTION_TARGET_MS = 300.0
GROWTH_TARGET = 1.5  # at ten times the data, a page's median grows by at most this


@dataclass(frozen=True)
class Page:
    """A page to time: its name and how to find its address in the data (None: skip)."""

    name: str
    url: object  # callable(Context) -> str | None
    target_ms: float | None = PAGE_TARGET_MS  # None: only the query count is a target


def _summit(ctx):
    return ctx.reader.summit.get_absolute_url()


def _search(query, **filters):
    return lambda ctx: "/search/?" + urlencode({"q": query, **filters})


def _search_in_a_year(ctx):
    return _search("défense", year=ctx.reader.summit.year)(ctx)


def _browser(ctx):
    query = {"category": "defence_spending", "status": "in_progress", "q": "alliés"}
    return "/commitments/?" + urlencode(query)


# One line per page. Pages that are not in this build (their address does not resolve)
# are listed as skipped; adjust an address here when a page moves.
PAGES = [
    Page("home", lambda ctx: "/"),
    Page("timeline", lambda ctx: ctx.reverse("summits:timeline")),
    Page("summit", _summit),
    Page("reader (300 ¶, 200 annotations)", lambda ctx: ctx.reader.get_absolute_url()),
    Page("commitment browser (3 filters)", _browser),
    Page("commitment (32 × 30 figures)", lambda ctx: ctx.measured.get_absolute_url()),
    Page("ally", lambda ctx: "/allies/fra/"),
    # Search: a word in half of the paragraphs, a verb form (its stems widened), a rarer
    # word, a phrase with an exclusion, and the common word in one year's texts.
    Page("search “défense”", _search("défense"), SEARCH_TARGET_MS),
    Page("search “engageons”", _search("engageons"), SEARCH_TARGET_MS),
    Page("search “cyberdéfense”", _search("cyberdéfense"), SEARCH_TARGET_MS),
    Page("search phrase, minus a word", _search('"défense collective" -Ukraine'), SEARCH_TARGET_MS),
    Page("search “défense” in one year", _search_in_a_year, SEARCH_TARGET_MS),
    Page("CSV export, all commitments", lambda ctx: ctx.csv_url, None),
    Page("JSON export, all commitments", lambda ctx: ctx.json_url, None),
]
CSV_EXPORT = "/commitments/export.csv"
JSON_EXPORT = "/commitments/export.json"


def setup(database: str | None) -> None:
    if database:
        os.environ["DATABASE_URL"] = database
    # Production-like: no debug query log, no template debug, plain static files.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-used-for-anything")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nato_tracker.settings")
    import logging

    import django

    django.setup()
    logging.getLogger("django").setLevel(logging.ERROR)


class Context:
    """The rows the pages are measured on, found once."""

    def __init__(self):
        from django.urls import Resolver404, resolve, reverse

        from bench.scale import READER_DOCUMENT_SLUG
        from commitments.models import Commitment
        from summits.models import Document

        self._resolve, self._missing, self.reverse = resolve, Resolver404, reverse
        self.reader = Document.objects.select_related("summit").get(slug=READER_DOCUMENT_SLUG)
        self.measured = (
            Commitment.objects.filter(
                slug__startswith="scale-",
                review=Commitment.Review.CONFIRMED,
                indicator__slug="defence-expenditure-gdp",
            )
            .order_by("pk")
            .first()
        )
        self.csv_url = CSV_EXPORT if self.resolves(CSV_EXPORT) else None
        self.json_url = JSON_EXPORT if self.resolves(JSON_EXPORT) else None

    def resolves(self, url: str) -> bool:
        try:
            self._resolve(url.split("?")[0])
        except self._missing:
            return False
        return True


class SqlTimer:
    """An execute_wrapper that counts queries and sums their time."""

    def __init__(self):
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def fetch(client, url) -> int:
    """GET url and read the whole body (streamed or not); returns the body's size."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def time_page(client, url: str, requests: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fetch(client, url)
    with CaptureQueriesContext(connection) as captured:
        size = fetch(client, url)
    queries = len(captured.captured_queries)  # read now: the next request resets the log
    durations = []
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        for _ in range(requests):
            started = time.perf_counter()
            fetch(client, url)
            durations.append(time.perf_counter() - started)
    return {
        "median": statistics.median(durations) * 1000,
        "p95": percentile(durations, 0.95) * 1000,
        "queries": queries,
        "sql_share": timer.seconds / sum(durations),
        "bytes": size,
    }


def time_import(runs: int) -> list[float]:
    """Milliseconds to load the Vilnius text as an admin's confirmation does (read, parse,
    find the candidates, store the document, its paragraphs and candidates), each run
    rolled back."""
    from django.db import transaction

    from imports.reading import read_upload
    from imports.services import import_communique
    from summits.models import Document, Original, Paragraph, Summit

    data = (ROOT / "fixtures/sources/2023-07-11-vilnius-communique.txt").read_bytes()
    summit = Summit.objects.get(slug="vilnius-2023")
    timings = []
    for _ in range(runs):
        with transaction.atomic():
            # The seed already holds this text: set it aside inside the transaction so
            # the same bytes load as a new document.
            Document.objects.filter(slug="vilnius-2023-communique").update(
                sha256="0" * 64, title="Vilnius (set aside)"
            )
            # Nor may its paragraphs be recognised: clear their fingerprints, and the
            # checksum of its original file.
            Paragraph.objects.filter(document__slug="vilnius-2023-communique").update(
                fingerprint=""
            )
            Original.objects.filter(document__slug="vilnius-2023-communique").delete()
            started = time.perf_counter()
            imported = import_communique(
                source=read_upload(data, filename="vilnius.txt", max_bytes=len(data)),
                summit=summit,
                title="Vilnius (benchmark)",
                kind=Document.Kind.COMMUNIQUE,
                published_on=summit.started_on,
            )
            timings.append((time.perf_counter() - started) * 1000)
            assert imported.document.paragraphs.count() > 50 and imported.candidates > 50
            transaction.set_rollback(True)
    return timings


def time_parsing(runs: int = 5) -> list[tuple[str, int, float]]:
    """(text, paragraphs, median ms of `ingest.parse_text`) for the real Vilnius text and
    for texts made to be awkward for the repair of repeated passages."""
    import random

    from summits import ingest

    vilnius = (ROOT / "fixtures/sources/2023-07-11-vilnius-communique.txt").read_bytes()
    sentence = "Les Alliés renforcent la dissuasion et la défense de la zone euro-atlantique."
    words = random.Random(7).choices(["la", "le", "de", "OTAN", "et"], k=900)
    measures = [f"Les Alliés conviennent de la mesure numéro {i}." for i in range(100_000)]
    texts = [
        ("Vilnius communiqué", ingest.decode(vilnius)[0]),
        ("one paragraph, a sentence repeated 70 times", " ".join([sentence] * 70)),
        ("one word 2 500 times", " ".join(["a"] * 2500) + "."),
        ("900 random short words", " ".join(words)),
        (
            "100 000 paragraphs, 1 000 repeated",
            "Corpus\n\n" + "\n\n".join(measures + measures[:1000]),
        ),
    ]
    rows = []
    for label, text in texts:
        timings = []
        for _ in range(runs if len(text) < 1_000_000 else 1):
            started = time.perf_counter()
            parsed = ingest.parse_text(text)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append((label, len(parsed.paragraphs), statistics.median(timings)))
    return rows


def time_extraction(runs: int = 5) -> dict:
    """Milliseconds to find the candidates of the Vilnius text (parsed once beforehand):
    median and max over ``runs``, with the paragraph and candidate counts. Then, for the
    libraries considered for the extractor and installed beside it (not in the app's
    requirements), what their work on the same text costs in CPU time (wall time on a
    shared machine says more about the neighbours): pysbd splitting every paragraph into
    sentences, simplemma lemmatising every word."""
    import re

    from commitments.candidates import paragraph_candidates
    from summits import ingest

    raw = ingest.decode((ROOT / "fixtures/sources/2023-07-11-vilnius-communique.txt").read_bytes())
    parsed = ingest.parse_text(raw[0], encoding=raw[1])
    timings, cpu, found = [], [], 0
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = sum(len(c) for _, c in paragraph_candidates(parsed.paragraphs, "fr", 2023))
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    result = {
        "paragraphs": len(parsed.paragraphs),
        "candidates": found,
        "median": statistics.median(timings),
        "max": max(timings),
        "cpu": statistics.median(cpu),
        "libraries": [],
    }
    texts = [paragraph.text for paragraph in parsed.paragraphs]
    words = [word for text in texts for word in re.findall(r"[^\W\d_]+", text)]
    try:
        import pysbd
    except ImportError:
        pass
    else:
        segmenter = pysbd.Segmenter(language="fr", clean=False, char_span=True)
        started = time.process_time()
        for text in texts:
            segmenter.segment(text)
        result["libraries"].append(("pysbd sentences", (time.process_time() - started) * 1000))
    try:
        import simplemma
    except ImportError:
        pass
    else:
        started = time.process_time()
        simplemma.lemmatize("engageons", lang="fr")  # loads the French dictionary
        loaded = (time.process_time() - started) * 1000
        started = time.process_time()
        for word in words:
            simplemma.lemmatize(word, lang="fr")
        result["libraries"].append(("simplemma: load the French data", loaded))
        result["libraries"].append(
            (f"simplemma: lemmatise {len(words)} words", (time.process_time() - started) * 1000)
        )
    return result


def print_extraction(runs: int) -> bool:
    """Print the extraction timing; whether it meets its target."""
    result = time_extraction(runs)
    met = result["median"] <= EXTRACTION_TARGET_MS
    print(
        f"\nVilnius extraction (find the candidates of {result['paragraphs']} parsed paragraphs, "
        f"{result['candidates']} found; {runs} runs): median {result['median']:.0f} ms, "
        f"max {result['max']:.0f} ms, CPU time {result['cpu']:.0f} ms · "
        f"target ≤ {EXTRACTION_TARGET_MS:.0f} ms: {'met' if met else 'NOT MET'}"
    )
    for label, milliseconds in result["libraries"]:
        print(f"  beside it, CPU time of {label}: {milliseconds:.0f} ms")
    return met


def export_memory(client, url: str) -> tuple[int, int, bool]:
    """(rows, peak bytes allocated by Python while reading the export, streamed or not)."""
    import gc

    gc.collect()
    tracemalloc.start()
    response = client.get(url)
    lines = 0
    if response.streaming:
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
    else:
        lines = response.content.count(b"\n")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return max(0, lines - 1), peak, response.streaming


def data_sizes() -> dict[str, int]:
    from commitments.models import Commitment, Measurement
    from reader.models import Annotation
    from summits.models import Paragraph, Summit

    return {
        "summits": Summit.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "commitments": Commitment.objects.count(),
        "measurements": Measurement.objects.count(),
        "annotations": Annotation.objects.count(),
    }


def without_databases(argv: list[str]) -> list[str]:
    """The arguments but --database, --rounds and their values."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--database":
            skip = True
        elif arg == "--rounds":
            skip = True
        elif not arg.startswith(("--database=", "--rounds=")):
            kept.append(arg)
    return kept


def compare_sizes(databases: list[str], argv: list[str], rounds: int) -> int:
    """Measure each database in its own process, in turn, `rounds` times (on a shared
    machine the load drifts: alternating spreads it over both), then print each page's
    median of the rounds' medians on each and its growth."""
    results: list[list[dict]] = [[] for _ in databases]
    with tempfile.TemporaryDirectory() as scratch:
        for round_number in range(rounds):
            for number, database in enumerate(databases):
                out = Path(scratch) / f"{round_number}-{number}.json"
                command = [sys.executable, __file__, "--database", database, "--json", str(out)]
                command += without_databases(argv)
                if round_number == rounds - 1:  # the last round's reports are printed
                    print(f"## {database.rsplit('/', 1)[-1]}\n", flush=True)
                    subprocess.run(command, check=True)
                    print(flush=True)
                else:
                    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                results[number].append(json.loads(out.read_text()))
    first, last = results[0], results[-1]
    small_n, large_n = first[0]["data"]["paragraphs"], last[0]["data"]["paragraphs"]
    print(
        f"## Growth: {small_n} → {large_n} paragraphs ({large_n / max(1, small_n):.1f} × "
        f"the data), median of {rounds} rounds' medians, the databases in turn\n"
    )
    print("| page | median ms, smaller | median ms, larger | queries | growth | target |")
    print("|---|---:|---:|---:|---:|---|")
    failures = []
    for name, small in first[0]["pages"].items():
        if name not in last[0]["pages"]:
            continue
        before = statistics.median(run["pages"][name]["median"] for run in first)
        after = statistics.median(run["pages"][name]["median"] for run in last)
        growth = after / before
        # An export of every row grows with the rows: only the pages have the target.
        page = next((p for p in PAGES if p.name == name), None)
        if page is not None and page.target_ms is None:
            verdict = "grows with the rows exported"
        else:
            met = growth <= GROWTH_TARGET
            if not met:
                failures.append(name)
            verdict = f"≤ {GROWTH_TARGET} ×: {'met' if met else 'NOT MET'}"
        queries = f"{small['queries']} → {last[0]['pages'][name]['queries']}"
        print(f"| {name} | {before:.1f} | {after:.1f} | {queries} | {growth:.2f} × | {verdict} |")
    if failures:
        print("\nGrowth targets not met: " + ", ".join(failures))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        action="append",
        help="database URL (default: DATABASE_URL or SQLite); twice or more, smaller data "
        "first: each measured in turn, then the growth of each page's median",
    )
    parser.add_argument("--json", type=Path, help="also write the page timings there (JSON)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="with several databases: times each is measured"
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--import-runs", type=int, default=5)
    parser.add_argument(
        "--extraction-only", action="store_true", help="time the extraction alone (no database)"
    )
    parser.add_argument(
        "--pages",
        help="only the pages whose name contains one of these, comma-separated (e.g. "
        "search,summit); skips the import, parsing and export measurements",
    )
    parser.add_argument(
        "--search-target",
        type=float,
        default=SEARCH_TARGET_MS,
        help="target median for search, in ms (50 at 100 000 paragraphs, 100 at 1 000 000)",
    )
    args = parser.parse_args(argv)
    if args.database and len(args.database) > 1:
        return compare_sizes(args.database, list(argv or sys.argv[1:]), args.rounds)
    setup(args.database[0] if args.database else None)
    if args.extraction_only:
        return 0 if print_extraction(args.import_runs) else 1

    import django
    from django.db import connection
    from django.test import Client

    ctx = Context()
    client = Client()
    sizes = data_sizes()
    print(
        f"Database: {connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version}"  # noqa: E501
        f" · Django {django.get_version()} · Python {sys.version.split()[0]}"
        f" · {os.cpu_count()} CPUs"
    )
    print("Data: " + ", ".join(f"{count} {name}" for name, count in sizes.items()))
    print(f"{args.requests} timed requests per page after {args.warmup} warm-up requests.\n")
    print("| page | median ms | p95 ms | SQL queries | time in SQL | target |")
    print("|---|---:|---:|---:|---:|---|")
    failures = []
    seen = set()
    report = {"data": sizes, "pages": {}}
    for page in PAGES:
        if args.pages and not any(part in page.name for part in args.pages.split(",")):
            continue
        if page.target_ms == SEARCH_TARGET_MS:
            page = Page(page.name, page.url, args.search_target)
        url = page.url(ctx)
        if url is None or not ctx.resolves(url):
            print(f"| {page.name} | – | – | – | – | not in this build |")
            continue
        if url in seen:
            print(f"| {page.name} | – | – | – | – | same page as above in this build |")
            continue
        seen.add(url)
        result = time_page(client, url, args.requests, args.warmup)
        report["pages"][page.name] = result
        fast = page.target_ms is None or result["median"] <= page.target_ms
        met = result["queries"] <= QUERY_LIMIT and fast
        if not met:
            failures.append(page.name)
        limit = f"≤ {page.target_ms:.0f} ms, " if page.target_ms is not None else ""
        verdict = f"{limit}≤ {QUERY_LIMIT} queries: {'met' if met else 'NOT MET'}"
        print(
            f"| {page.name} | {result['median']:.1f} | {result['p95']:.1f} | "
            f"{result['queries']} | {result['sql_share']:.0%} | {verdict} |"
        )

    if args.json:
        args.json.write_text(json.dumps(report))
    if args.pages:
        if failures:
            print("\nTargets not met: " + ", ".join(failures))
        return 0

    timings = time_import(args.import_runs)
    median = statistics.median(timings)
    met = median <= IMPORT_TARGET_MS
    if not met:
        failures.append("Vilnius import")
    print(
        f"\nVilnius import (read, parse, candidates, store; {args.import_runs} runs): "
        f"median {median:.0f} ms, "
        f"max {max(timings):.0f} ms · target ≤ {IMPORT_TARGET_MS:.0f} ms: "
        f"{'met' if met else 'NOT MET'}"
    )

    if not print_extraction(args.import_runs):
        failures.append("Vilnius extraction")

    print("\n| parsing (ingest.parse_text) | paragraphs | median ms |")
    print("|---|---:|---:|")
    for label, paragraphs, median_ms in time_parsing():
        print(f"| {label} | {paragraphs} | {median_ms:.0f} |")

    if ctx.csv_url:
        print("\n| CSV export | rows | peak Python memory | streamed |")
        print("|---|---:|---:|---|")
        for label, url in (
            ("one status (in progress)", ctx.csv_url + "?status=in_progress"),
            ("all commitments", ctx.csv_url),
        ):
            rows, peak, streamed = export_memory(client, url)
            print(f"| {label} | {rows} | {peak / 1024:.0f} KiB | {'yes' if streamed else 'no'} |")
    else:
        print(f"\nCSV export: not in this build ({CSV_EXPORT} does not resolve).")

    if failures:
        print("\nTargets not met: " + ", ".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
