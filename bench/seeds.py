"""How many of the editors' commitments the extractor finds alone, on the seed texts.

    python bench/seeds.py                          # counts, and the ones it misses
    python bench/seeds.py --save found.json        # keep the list of those it finds
    python bench/seeds.py --baseline found.json    # which of an earlier list it lost

The editors' commitments are the confirmed ones of fixtures/commitments.json (the
extractor's candidates as the editorial file commitments.toml confirms or corrects
them, and those the editors added by hand). Each is "found alone" when a candidate of
the extractor, run without the editorial file, covers its quote (one candidate for one
commitment). Items stored apart from the lead of their list get the lead, as in the
fixture build and the import.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from commitments.candidates import paragraph_candidates  # noqa: E402
from fixtures import build  # noqa: E402

SOURCES = ROOT / "fixtures" / "sources"


def confirmed_commitments() -> list[dict]:
    records = json.loads((ROOT / "fixtures" / "commitments.json").read_text(encoding="utf-8"))
    return [
        r["fields"]
        for r in records
        if r["model"] == "commitments.commitment" and r["fields"]["review"] == "confirmed"
    ]


def candidates_alone() -> dict[tuple[str, int], list]:
    """(document SHA-256, paragraph position) -> the extractor's candidates there."""
    documents = build.read_documents(SOURCES, build.read_metadata(SOURCES))
    found = {}
    for document in documents:
        year = document.meta["published_on"].year
        pairs = paragraph_candidates(document.parsed.paragraphs, document.parsed.language, year)
        for paragraph, candidates in pairs:
            found[(document.sha256, paragraph.position)] = list(candidates)
    return found


def measure() -> tuple[list[dict], list[dict], int]:
    """The confirmed commitments found alone, those not found, and the candidate count."""
    candidates = candidates_alone()
    used: set[int] = set()
    found, missed = [], []
    for fields in sorted(confirmed_commitments(), key=lambda f: f["quote_end"] - f["quote_start"]):
        place = tuple(fields["paragraph"])
        match = next(
            (
                c
                for c in candidates.get(place, [])
                if id(c) not in used
                and c.start < fields["quote_end"]
                and fields["quote_start"] < c.end
            ),
            None,
        )
        if match is None:
            missed.append(fields)
        else:
            used.add(id(match))
            found.append(fields)
    return found, missed, sum(len(c) for c in candidates.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", type=Path, help="write the keys of those found alone")
    parser.add_argument("--baseline", type=Path, help="keys found alone by an earlier build")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    found, missed, total = measure()
    print(f"Extractor candidates on the seed texts: {total}")
    print(f"Confirmed commitments: {len(found) + len(missed)}")
    print(f"  found by the extractor alone: {len(found)}")
    print(f"  not found (editors add them by hand): {len(missed)}")
    if not args.quiet:
        for fields in missed:
            print(f"    {fields['slug']}: {fields['quote'][:90]}")
    if args.save:
        args.save.write_text(json.dumps(sorted(f["slug"] for f in found), indent=1) + "\n")
    if args.baseline:
        earlier = set(json.loads(args.baseline.read_text()))
        lost = sorted(earlier - {f["slug"] for f in found})
        print(f"Of the {len(earlier)} found alone before: {len(earlier) - len(lost)} still found")
        for slug in lost:
            print(f"    lost: {slug}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
