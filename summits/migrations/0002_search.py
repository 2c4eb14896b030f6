"""Full-text search of paragraphs on PostgreSQL; nothing to do on other databases.

Creates the unaccent extension, two text search configurations copied from the stock
`french` and `english` ones with accents folded before stemming, and one GIN index per
configuration over the paragraphs' text (the search page, summits.search). The index
expressions are those Django writes for SearchVector("text", config=...).
"""

from django.db import migrations

CONFIGS = {"french_unaccent": "french", "english_unaccent": "english"}


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, parent in CONFIGS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {parent}_stem"
        )
        schema_editor.execute(
            f"CREATE INDEX summits_paragraph_search_{parent[:2]} ON summits_paragraph "
            f"USING gin (to_tsvector('{name}'::regconfig, COALESCE((text)::text, '')))"
        )


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, parent in CONFIGS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS summits_paragraph_search_{parent[:2]}")
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("summits", "0001_initial")]

    operations = [migrations.RunPython(create_search, drop_search)]
