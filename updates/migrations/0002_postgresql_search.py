from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Indexes only PostgreSQL has: full-text search over updates (GIN on the stored vector)
# and trigram similarity over place names, for typos. Other databases skip them.
INDEXES = [
    ("update_search_vector_gin", "updates_update USING gin (search_vector)"),
    ("placealias_name_key_trgm", "updates_placealias USING gin (name_key gin_trgm_ops)"),
    ("place_name_key_trgm", "updates_place USING gin (name_key gin_trgm_ops)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _target in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("updates", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
