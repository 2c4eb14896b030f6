"""Stored search vectors for the search page (summits.search), PostgreSQL only.

Ranking a common word recomputed to_tsvector for every match (seconds at 100 000
paragraphs). Two generated columns keep each paragraph's vector in the French and the
English configuration of migration 0002_search; their GIN indexes replace the
expression indexes. Other databases have nothing to do: their search reads folded_text.
"""

from django.db import migrations

COLUMNS = {"fr": "french_unaccent", "en": "english_unaccent"}


def create_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in COLUMNS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS summits_paragraph_search_{language}")
        schema_editor.execute(
            f"ALTER TABLE summits_paragraph ADD COLUMN search_{language} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{config}'::regconfig, COALESCE(text, ''))) "
            "STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX summits_paragraph_search_{language} ON summits_paragraph "
            f"USING gin (search_{language})"
        )


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in COLUMNS.items():
        schema_editor.execute(f"ALTER TABLE summits_paragraph DROP COLUMN search_{language}")  # and its index
        schema_editor.execute(
            f"CREATE INDEX summits_paragraph_search_{language} ON summits_paragraph "
            f"USING gin (to_tsvector('{config}'::regconfig, COALESCE((text)::text, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [("summits", "0004_annotation_recent_index")]

    operations = [migrations.RunPython(create_columns, drop_columns)]
