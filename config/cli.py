"""The `clausier` command: the same as `manage.py`, with dashed command names.

`clausier purge-personal-data` runs the `purge_personal_data` management command, so the
documented CLI reads like a CLI while Django keeps its module names.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "clausier"
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)
