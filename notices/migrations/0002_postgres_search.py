"""PostgreSQL-only search support; a no-op on SQLite (which searches `search_text`).

- `unaccent` and the `clausier_fr` text search configuration: a copy of `french` whose words
  go through `unaccent` before the French stemmer, so "insertion", "INSERTION" and "insértion"
  share a lexeme;
- a GIN index on `notice.search_vector` (ranked full-text search);
- a btree on `(published_on DESC, id)` for newest-first pages.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'clausier_fr') THEN
            CREATE TEXT SEARCH CONFIGURATION clausier_fr (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION clausier_fr
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    "CREATE INDEX IF NOT EXISTS notices_notice_search_vector ON notices_notice USING GIN (search_vector)",
    "CREATE INDEX IF NOT EXISTS notices_notice_newest ON notices_notice (published_on DESC, id)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS notices_notice_newest",
    "DROP INDEX IF EXISTS notices_notice_search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS clausier_fr",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_create_notices")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
