from django.http import HttpRequest
from ninja import Router, Schema, Status

from referential.cpv import cpv_entries
from referential.models import Departement
from referential.siret import is_valid_siren, is_valid_siret
from referential.territories import departement_for_postcode

router = Router(tags=["référentiels"])


class DepartementOut(Schema):
    code: str
    name: str
    region_code: str
    region_name: str
    nuts3: str


class CpvOut(Schema):
    code: str
    label_fr: str
    label_en: str


class SiretCheckOut(Schema):
    value: str
    valid_siret: bool
    valid_siren: bool


class PostcodeOut(Schema):
    postcode: str
    departement: str | None


@router.get("/departements", response=list[DepartementOut])
def list_departements(request: HttpRequest):
    return [
        DepartementOut(
            code=d.code, name=d.name, region_code=d.region_id, region_name=d.region.name, nuts3=d.nuts3
        )
        for d in Departement.objects.select_related("region")
    ]


@router.get("/cpv/{code}", response={200: CpvOut, 404: dict})
def get_cpv(request: HttpRequest, code: str):
    entry = cpv_entries().get(code.split("-")[0])
    if entry is None:
        return Status(404, {"detail": "Code CPV inconnu."})
    return CpvOut(code=entry.code, label_fr=entry.label_fr, label_en=entry.label_en)


@router.get("/siret/{value}", response=SiretCheckOut)
def check_siret(request: HttpRequest, value: str):
    return SiretCheckOut(value=value, valid_siret=is_valid_siret(value), valid_siren=is_valid_siren(value))


@router.get("/code-postal/{postcode}", response=PostcodeOut)
def postcode_departement(request: HttpRequest, postcode: str):
    return PostcodeOut(postcode=postcode, departement=departement_for_postcode(postcode))
