"""PostgreSQL: the index that `NoticeQuerySet.newest_first()` can walk.

`newest_first()` orders by `published_on DESC NULLS LAST, id DESC` (undated notices last). The
`(published_on DESC, id)` index of 0002 sorts nulls first and ids ascending, so PostgreSQL can
use it neither forwards nor backwards for that order and sorted every match instead. This one
matches the order exactly: newest-first pages and the "most recent N matches" windows of the
search (`notices.search`) read it from the top and stop early. It replaces the old one.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS notices_notice_newest_first "
    "ON notices_notice (published_on DESC NULLS LAST, id DESC)",
    "DROP INDEX IF EXISTS notices_notice_newest",
]

BACKWARD = [
    "CREATE INDEX IF NOT EXISTS notices_notice_newest ON notices_notice (published_on DESC, id)",
    "DROP INDEX IF EXISTS notices_notice_newest_first",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("notices", "0003_add_notice_detector_version")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
