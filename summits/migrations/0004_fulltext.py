"""Full-text search of paragraphs, for the search page (summits.fulltext).

SQLite: an FTS5 index of the paragraphs' text, accents and case folded, kept in step by
triggers on every insert, update and delete, whoever writes (imports, the admin,
loaddata, bulk inserts).

PostgreSQL: the vectors of 0002_search are kept in the table's rows (compressed) rather
than out of line: the search checks the vector of each paragraph it passes on its way to
the newest matches, and reading an out-of-line value costs several page reads. The
table is rewritten once so that existing rows follow (VACUUM FULL, outside a
transaction: this migration is not atomic).
"""

from django.db import migrations

from summits.fulltext import drop_sqlite_index, install_sqlite_index

VECTORS = ("search_fr", "search_en")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in VECTORS)
        schema_editor.execute(f"ALTER TABLE summits_paragraph {columns}")
        schema_editor.execute("VACUUM FULL summits_paragraph")
    install_sqlite_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in VECTORS)
        schema_editor.execute(f"ALTER TABLE summits_paragraph {columns}")
    drop_sqlite_index(schema_editor.connection)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("summits", "0003_originals_and_versions")]

    operations = [migrations.RunPython(create_index, drop_index)]
