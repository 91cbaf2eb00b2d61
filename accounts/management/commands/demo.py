import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Charge les données de démonstration de chaque application (idempotent)."

    def handle(self, *args, **options) -> None:
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            importlib.import_module(module_name).load_demo(self.stdout)
        self.stdout.write("Données de démonstration à jour.")
