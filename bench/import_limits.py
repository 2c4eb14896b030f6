"""An import at the size limits: its preview and its confirmation, beside gunicorn's
worker timeout.

    python bench/import_limits.py --database postgres://postgres@127.0.0.1:5432/h_bench

The database must be migrated and hold the seed data. For each size, a communiqué of
numbered, different paragraphs (each with a commitment the extractor finds) is read
and previewed (imports.preview.build_preview, what the upload page does), then confirmed
the way the confirmation page does it (the file read and previewed again, then written:
imports.services.save_preview) inside a transaction rolled back afterwards. The largest
size is the limit: IMPORT_MAX_PARAGRAPHS paragraphs filling IMPORT_MAX_BYTES. Prints a
Markdown table: wall and processor time of each step, the queries of the confirmation,
and the share of gunicorn's timeout (gunicorn.conf.py) the slower step takes.

This is a measurement, not a test: it writes nothing that stays.
"""

import argparse
import os
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTORS = ["terrestre", "maritime", "aérien", "spatial", "cyber", "logistique", "médical"]
FILLER = (
    " Les Alliés rappellent à cette occasion les engagements pris lors des sommets "
    "précédents et la nécessité de les tenir dans les délais convenus, ensemble."
)


def communique(paragraphs: int, size: int) -> bytes:
    """So many numbered paragraphs, each different, padded to about ``size`` bytes."""
    heads = [
        f"{n}. Pour le domaine {SECTORS[n % len(SECTORS)]} numéro {n}, nous nous engageons "
        f"à consacrer au moins {n % 9 + 1} % de nos budgets de défense au programme "
        f"{n * 7919} d’ici à {2030 + n % 20}."
        for n in range(1, paragraphs + 1)
    ]
    room = max(0, size // paragraphs - len(heads[0].encode()) - 2)
    padding = (FILLER * (room // len(FILLER.encode()) + 1)).encode()[:room]
    padding = padding.decode("utf-8", "ignore")
    # Each paragraph's padding cut at a different word, so that no two are alike.
    text = "\n\n".join(
        f"{head}{padding[: len(padding) - (n % 40)].rsplit(' ', 1)[0]}"
        for n, head in enumerate(heads)
    )
    return (text + "\n").encode("utf-8")[:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="DATABASE_URL to measure (default: the environment's)")
    args = parser.parse_args()
    if args.database:
        os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nato_tracker.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from imports.preview import build_preview
    from imports.reading import read_upload
    from imports.request import ImportRequest
    from imports.services import save_preview
    from summits.models import Summit

    timeout = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["timeout"]
    summit = Summit.objects.get(slug="vilnius-2023")
    request = ImportRequest(summit=summit, kind="declaration", published_on=summit.ended_on)
    limit_bytes, limit_paragraphs = settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_PARAGRAPHS
    sizes = [
        (100, 100_000, "a long communiqué"),
        (limit_paragraphs // 2, limit_bytes // 2, "half the limits"),
        (limit_paragraphs, limit_bytes, "the limits"),
    ]

    def timed(step):
        wall, cpu = time.perf_counter(), time.process_time()
        result = step()
        return result, time.perf_counter() - wall, time.process_time() - cpu

    print(
        f"Database: {connection.vendor} · IMPORT_MAX_BYTES {limit_bytes:,} · "
        f"IMPORT_MAX_PARAGRAPHS {limit_paragraphs:,} · IMPORT_MAX_CANDIDATES "
        f"{settings.IMPORT_MAX_CANDIDATES:,} · gunicorn timeout {timeout} s · "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}\n"
    )
    print(
        "| text | bytes | paragraphs | candidates | preview s (CPU) | confirm s (CPU) "
        "| of which read again / written | confirm queries | slower step / timeout |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for paragraphs, size, label in sizes:
        data = communique(paragraphs, size)

        def preview(data=data):
            source = read_upload(data, filename="bench.txt", max_bytes=limit_bytes)
            return build_preview(source=source, request=request)

        shown, preview_wall, preview_cpu = timed(preview)

        def confirm(preview=preview):
            with transaction.atomic():
                with CaptureQueriesContext(connection) as queries:
                    again, read_wall, _cpu = timed(preview)
                    imported, write_wall, _cpu = timed(lambda: save_preview(again))
                transaction.set_rollback(True)
            return imported, len(queries), read_wall, write_wall

        (imported, queries, read_wall, write_wall), confirm_wall, confirm_cpu = timed(confirm)
        share = max(preview_wall, confirm_wall) / timeout
        print(
            f"| {label} | {len(data):,} | {shown.paragraph_count:,} | {imported.candidates:,} "
            f"| {preview_wall:.1f} ({preview_cpu:.1f}) | {confirm_wall:.1f} ({confirm_cpu:.1f}) "
            f"| {read_wall:.1f} / {write_wall:.1f} | {queries} | {share:.0%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
