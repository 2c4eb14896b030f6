"""The Vilnius seed in each form an admin receives it in: what the import makes of it.

For each form (built from the seed by tests/communiques.py), the paragraphs identical to
the .txt version's (out of 96), whether the candidates are the same, whether the preview
recognises it as loaded already, and the time to read and preview it. Then what a PDF
made to stall the reader costs, read in-process and within the budget.

    export DATABASE_URL=sqlite:////tmp/forms.sqlite3
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py loaddata summits progress commitments
    .venv/bin/python bench/forms.py
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nato_tracker.settings")


def main() -> int:
    import django

    django.setup()
    from imports.preview import build_preview
    from imports.reading import pdf_budget, read_upload
    from imports.request import ImportRequest
    from summits import formats, ingest
    from summits.models import Summit
    from tests import communiques, pdf

    summit = Summit.objects.get(slug="vilnius-2023")
    request = ImportRequest(summit=summit, kind="communique", published_on=summit.ended_on)
    seed = communiques.VILNIUS.read_bytes()
    reference = build_preview(
        source=read_upload(seed, filename="vilnius.txt", max_bytes=len(seed)), request=request
    )
    expected = {(p.label, p.text) for p in reference.parsed.paragraphs}
    seed_candidates = [(f.paragraph.label, f.candidate.quote) for f in reference.found]
    forms = {
        ".txt (the seed)": (seed, "vilnius.txt"),
        "cp1252": (communiques.as_cp1252(), "vilnius.txt"),
        "CRLF with a BOM": (communiques.as_utf8_bom_crlf(), "vilnius.txt"),
        "news-site HTML": (communiques.news_site_html(), "vilnius.html"),
        "Chromium PDF of that page": (
            communiques.chromium_pdf(communiques.news_site_html()),
            "vilnius.pdf",
        ),
        "wrapped at 80 columns": (communiques.wrapped(), "vilnius.txt"),
    }
    print(
        "| form | paragraphs (numbered + items) | identical to the .txt (of 96) "
        "| candidates equal | recognised | read + preview ms |"
    )
    print("|---|---:|---:|---|---|---:|")
    for name, (data, filename) in forms.items():
        started = time.perf_counter()
        source = read_upload(data, filename=filename, max_bytes=len(data))
        preview = build_preview(source=source, request=request)
        elapsed = (time.perf_counter() - started) * 1000
        parsed = preview.parsed
        numbered = sum(1 for p in parsed.paragraphs if p.number is not None)
        items = sum(1 for p in parsed.paragraphs if p.parent_position is not None)
        identical = sum(1 for p in parsed.paragraphs if (p.label, p.text) in expected)
        same = [(f.paragraph.label, f.candidate.quote) for f in preview.found] == seed_candidates
        known = f"already loaded as {preview.existing.slug}" if preview.existing else "no"
        print(
            f"| {name} | {numbered} + {items} | {identical} | {'yes' if same else 'NO'} "
            f"| {known} | {elapsed:.0f} |"
        )

    stalling = pdf.stalling_pdf(1_000_000)
    print(f"\nA {len(stalling) / 1024:.0f} kB PDF made to stall the reader:")
    for label, seconds in (
        ("in-process, no budget", None),
        ("its budget, imports.reading.pdf_budget", round(pdf_budget(len(stalling)), 2)),
    ):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            formats.read_source(stalling, filename="slow.pdf", pdf_seconds=seconds)
        except ingest.IngestError as error:
            outcome = str(error).split(":")[0]
        print(
            f"- {label} ({seconds or '-'}): refused after {time.perf_counter() - wall:.1f} s "
            f"({time.process_time() - cpu:.1f} s of this process's CPU): {outcome}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
