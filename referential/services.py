"""Load the shipped reference files into the tables (idempotent)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import transaction

from referential.cpv import cpv_entries
from referential.territories import departements


@dataclass(frozen=True)
class LoadSummary:
    regions: int
    departements: int
    cpv_codes: int


@transaction.atomic
def load_referential(apps: Apps = global_apps) -> LoadSummary:
    """Upsert régions, départements and CPV codes from `referential/data/`.

    Takes an `apps` registry so the data migration can call it with historical models.
    """
    region_model = apps.get_model("referential", "Region")
    departement_model = apps.get_model("referential", "Departement")
    cpv_model = apps.get_model("referential", "CpvCode")

    infos = departements().values()
    regions = {info.region_code: info.region_name for info in infos}
    region_model.objects.bulk_create(
        [region_model(code=code, name=name) for code, name in regions.items()],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name"],
    )
    departement_model.objects.bulk_create(
        [
            departement_model(code=info.code, name=info.name, region_id=info.region_code, nuts3=info.nuts3)
            for info in infos
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "region", "nuts3"],
    )
    entries = cpv_entries().values()
    cpv_model.objects.bulk_create(
        [
            cpv_model(
                code=entry.code,
                check_digit=entry.check_digit,
                label_fr=entry.label_fr,
                label_en=entry.label_en,
                division=entry.division,
            )
            for entry in entries
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["check_digit", "label_fr", "label_en", "division"],
        batch_size=2000,
    )
    return LoadSummary(regions=len(regions), departements=len(infos), cpv_codes=len(entries))
