"""Full-text search of paragraphs on PostgreSQL (the search page, summits.search);
nothing to do on other databases, whose search reads folded_text.

Creates the unaccent extension and two text search configurations copied from the stock
`french` and `english` ones with accents folded before stemming; then, for each, a
generated column keeping every paragraph's vector in that configuration, with its GIN
index (ranking recomputing to_tsvector for each match took seconds at 100 000
paragraphs).
"""

from django.db import migrations

CONFIGS = {"fr": ("french_unaccent", "french"), "en": ("english_unaccent", "english")}


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for language, (name, parent) in CONFIGS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {parent}_stem"
        )
        schema_editor.execute(
            f"ALTER TABLE summits_paragraph ADD COLUMN search_{language} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{name}'::regconfig, COALESCE(text, ''))) "
            "STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX summits_paragraph_search_{language} ON summits_paragraph "
            f"USING gin (search_{language})"
        )


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, (name, _parent) in CONFIGS.items():
        schema_editor.execute(f"ALTER TABLE summits_paragraph DROP COLUMN search_{language}")
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("summits", "0001_summits")]

    operations = [migrations.RunPython(create_search, drop_search)]
