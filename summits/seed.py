"""Fixture records for summits, documents and paragraphs, built from fixtures/sources/.

Pure functions: they read the source files and return records in Django's
serialisation format (natural keys, no primary keys), ready for `loaddata`.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import ingest
from .services import document_fields, paragraph_fields

METADATA = "metadata.toml"


@dataclass(frozen=True)
class SourceDocument:
    meta: dict
    raw_text: str
    parsed: ingest.ParsedDocument

    @property
    def sha256(self) -> str:
        return ingest.sha256_text(self.raw_text)


def read_metadata(source_dir: Path) -> dict:
    with open(source_dir / METADATA, "rb") as handle:
        return tomllib.load(handle)


def read_documents(source_dir: Path, metadata: dict) -> list[SourceDocument]:
    documents = []
    for meta in metadata["document"]:
        raw_text, encoding = ingest.decode((source_dir / meta["file"]).read_bytes())
        documents.append(
            SourceDocument(meta, raw_text, ingest.parse_text(raw_text, encoding=encoding))
        )
    return documents


def summit_records(metadata: dict) -> list[dict]:
    records = []
    for meta in metadata["summit"]:
        fields = {key: value for key, value in meta.items() if key != "slug"}
        fields.setdefault("state", "held")
        for key in ("started_on", "ended_on"):
            fields[key] = fields[key].isoformat()
        records.append({"model": "summits.summit", "fields": {"slug": meta["slug"], **fields}})
    return records


def document_records(documents: list[SourceDocument]) -> list[dict]:
    records = []
    for source in documents:
        meta = source.meta
        records.append(
            {
                "model": "summits.document",
                "fields": {
                    "summit": [meta["summit"]],
                    "slug": meta["slug"],
                    "title": meta["title"],
                    "kind": meta["kind"],
                    "published_on": meta["published_on"].isoformat(),
                    "source_name": meta.get("source_name", ""),
                    "source_url": meta.get("source_url", ""),
                    **document_fields(source.parsed, source.raw_text),
                },
            }
        )
        for paragraph in source.parsed.paragraphs:
            parent = paragraph.parent_position
            records.append(
                {
                    "model": "summits.paragraph",
                    "fields": {
                        "document": [source.sha256],
                        **paragraph_fields(paragraph),
                        "parent": [source.sha256, parent] if parent is not None else None,
                    },
                }
            )
    return records
