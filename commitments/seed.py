"""Fixture records for allies, indicators, figures and commitments, built from sources.

Pure functions over fixtures/sources/: the progress figures come from the same CSV
parser as `import_measurements`; the commitments are the extractor's candidates, as
confirmed, corrected or rejected by the editorial file `commitments.toml`.
"""

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from summits.ingest import ParsedParagraph
from summits.seed import SourceDocument

from .extraction import Candidate, find_candidates
from .progress_data import parse_allies, parse_measurements

INDICATORS = "indicators.toml"
EDITORIAL = "commitments.toml"
ALLIES = "allies.csv"

EDITABLE = (
    "title",
    "category",
    "bound",
    "comparator",
    "unit",
    "target_text",
    "deadline_year",
    "deadline_text",
    "recurring",
    "relation",
    "notes",
)


class EditorialError(ValueError):
    """An editorial entry that does not fit the texts; the message says which and why."""


def _load_toml(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def progress_records(source_dir: Path) -> list[dict]:
    records = [
        {
            "model": "commitments.ally",
            "fields": {
                "iso3": ally.iso3,
                "name_en": ally.name_en,
                "name_fr": ally.name_fr,
                "joined_on": ally.joined_on.isoformat(),
            },
        }
        for ally in parse_allies((source_dir / ALLIES).read_text(encoding="utf-8"))
    ]
    for indicator in _load_toml(source_dir / INDICATORS)["indicator"]:
        records.append(
            {
                "model": "commitments.indicator",
                "fields": {
                    key: indicator.get(key, "") for key in ("slug", "name", "unit", "description")
                },
            }
        )
        if "file" not in indicator:
            continue
        rows = parse_measurements((source_dir / indicator["file"]).read_text(encoding="utf-8"))
        records.extend(
            {
                "model": "commitments.measurement",
                "fields": {
                    "indicator": [indicator["slug"]],
                    "ally": [row.iso3],
                    "year": row.year,
                    "value": str(row.value),
                    "estimate": row.estimate,
                    "edition": row.edition,
                    "source": row.source,
                },
            }
            for row in rows
        )
    return records


@dataclass
class Draft:
    """A commitment on its way to a fixture record."""

    document: SourceDocument
    paragraph: ParsedParagraph
    candidate: Candidate | None
    start: int
    end: int
    fields: dict


def candidate_fields(candidate: Candidate) -> dict:
    fields = {
        "category": candidate.category,
        "bound": candidate.bound,
        "phrase": candidate.phrase,
        "confidence": round(candidate.confidence, 3),
    }
    if candidate.quantities:
        quantity = candidate.quantities[0]
        fields.update(
            comparator=quantity.comparator,
            target_value=quantity.value,
            unit=quantity.unit,
            target_text=quantity.text,
        )
    if candidate.deadlines:
        deadline = candidate.deadlines[0]
        if deadline.year:
            fields.update(deadline_year=deadline.year, deadline_text=deadline.text)
    return fields


def auto_title(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:14]) + (" …" if len(words) > 14 else "")


def candidate_drafts(documents: list[SourceDocument]) -> dict[tuple[str, str], list[Draft]]:
    """(document slug, paragraph label) -> the extractor's drafts for that paragraph."""
    drafts: dict[tuple[str, str], list[Draft]] = {}
    for document in documents:
        year = document.meta["published_on"].year
        for paragraph in document.parsed.paragraphs:
            found = find_candidates(paragraph.text, document.parsed.language, reference_year=year)
            drafts[(document.meta["slug"], paragraph.label)] = [
                Draft(
                    document,
                    paragraph,
                    candidate,
                    candidate.start,
                    candidate.end,
                    {"title": auto_title(candidate.quote), **candidate_fields(candidate)},
                )
                for candidate in found
            ]
    return drafts


def _apply_entry(entry: dict, drafts: dict, documents: dict[str, SourceDocument]) -> Draft:
    where = f"{entry.get('document')} ¶{entry.get('paragraph')} ({entry.get('slug', '?')})"
    key = (entry["document"], str(entry["paragraph"]))
    document = documents.get(entry["document"])
    paragraph = None
    if document is not None:
        paragraph = next((p for p in document.parsed.paragraphs if p.label == key[1]), None)
    if paragraph is None:
        raise EditorialError(f"{where}: no such document or paragraph.")
    match = entry.get("quote") or entry["match"]
    start = paragraph.text.find(match)
    if start < 0:
        raise EditorialError(f"{where}: {match[:60]!r} is not in the paragraph's text.")
    draft = None
    if not entry.get("add"):
        draft = next((d for d in drafts.get(key, []) if d.start <= start < d.end), None)
    if draft is None:
        if "quote" not in entry:
            raise EditorialError(
                f"{where}: no extractor candidate contains {match[:60]!r}; give the exact quote."
            )
        draft = Draft(document, paragraph, None, 0, 0, {})
        drafts.setdefault(key, []).append(draft)
    elif "review" in draft.fields:
        raise EditorialError(f"{where}: another entry already decided this candidate.")
    if "quote" in entry:
        draft.start, draft.end = start, start + len(entry["quote"])
    for name in EDITABLE:
        if name in entry:
            draft.fields[name] = entry[name]
    if "target" in entry:
        draft.fields["target_value"] = Decimal(str(entry["target"]))
    for name in ("slug", "summit", "indicator", "parent", "bound_allies", "status"):
        if name in entry:
            draft.fields["_" + name] = entry[name]
    draft.fields["review"] = entry.get("review", "confirmed")
    return draft


def commitment_records(source_dir: Path, documents: list[SourceDocument]) -> list[dict]:
    drafts = candidate_drafts(documents)
    by_slug = {document.meta["slug"]: document for document in documents}
    editorial = _load_toml(source_dir / EDITORIAL)
    for entry in editorial.get("commitment", []):
        _apply_entry(entry, drafts, by_slug)
    records, status_records, slugs = [], [], set()
    for (document_slug, _label), paragraph_drafts in drafts.items():
        for index, draft in enumerate(paragraph_drafts, start=1):
            fields = dict(draft.fields)
            anchor = draft.paragraph.anchor
            slug = fields.pop("_slug", f"{document_slug}-{anchor}-{index}")
            if slug in slugs:
                raise EditorialError(f"Two commitments have the slug {slug!r}.")
            slugs.add(slug)
            statuses = fields.pop("_status", [])
            target = fields.pop("target_value", None)
            record = {
                "slug": slug,
                "summit": [fields.pop("_summit", draft.document.meta["summit"])],
                "paragraph": [draft.document.sha256, draft.paragraph.position],
                "quote": draft.paragraph.text[draft.start : draft.end],
                "quote_start": draft.start,
                "quote_end": draft.end,
                "indicator": [fields.pop("_indicator")] if "_indicator" in fields else None,
                "parent": [fields.pop("_parent")] if "_parent" in fields else None,
                "bound_allies": [[iso3] for iso3 in fields.pop("_bound_allies", [])],
                "target_value": str(target) if target is not None else None,
                "review": fields.pop("review", "candidate"),
                **fields,
            }
            latest = max(statuses, key=lambda s: s["as_of"]) if statuses else None
            record["status"] = latest["status"] if latest else "not_rated"
            records.append({"model": "commitments.commitment", "fields": record})
            for status in statuses:
                status_records.append(_status_record(slug, status, by_slug))
    return records + status_records


def _status_record(slug: str, status: dict, documents: dict[str, SourceDocument]) -> dict:
    fields = {
        "commitment": [slug],
        "status": status["status"],
        "as_of": status["as_of"].isoformat(),
        "rationale": status["rationale"],
        "source_text": status.get("source", ""),
        "source_url": status.get("source_url", ""),
        "source_paragraph": None,
    }
    if "source_document" in status:
        document = documents[status["source_document"]]
        position = next(
            p.position
            for p in document.parsed.paragraphs
            if p.label == str(status["source_paragraph"])
        )
        fields["source_paragraph"] = [document.sha256, position]
    return {"model": "commitments.statuschange", "fields": fields}
