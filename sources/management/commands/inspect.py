"""`clausier inspect PATH [--json] [--format ...]`: parse and detect, print, touch no database."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from detection.detect import detect
from sources.detect import Format
from sources.inspect import inspect_path
from sources.records import NoticeRecord


def _social(record: NoticeRecord) -> dict:
    return {"social": [consideration.as_dict() for consideration in detect(record)]}


class Command(BaseCommand):
    help = "Lit un fichier, un dossier ou une archive et affiche les avis normalisés (sans base de données)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="une ligne JSON par avis ou rejet"
        )
        parser.add_argument(
            "--format", default="auto", choices=["auto", *(f.value for f in Format if f.value != "unknown")]
        )

    def handle(self, *args, path: Path, as_json: bool, format: str, **options) -> None:
        if not path.exists():
            raise CommandError(f"{path} : fichier ou dossier introuvable.")
        notices = rejected = 0
        for item in inspect_path(path, format, annotate=_social):
            if item.get("rejected"):
                rejected += 1
            else:
                notices += 1
            self.stdout.write(_line(item, as_json=as_json))
        self.stderr.write(f"{notices} avis, {rejected} rejet(s).")


def _line(item: dict, *, as_json: bool) -> str:
    if as_json:
        return json.dumps(item, ensure_ascii=False)
    if item.get("rejected"):
        return f"REJET {item['reason']} {item['location']} : {item['message']}"
    categories = ", ".join(sorted({entry["category"] for entry in item["social"]})) or "-"
    title = " ".join(item["title"].split())[:80]
    return f"{item['source']} {item['source_id']} [{item['kind']}] {title} — social : {categories}"
