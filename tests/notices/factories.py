"""Factories for stored notices; traits say the intent (`NoticeFactory(reserved_inclusion=True)`).

`NoticeFactory(categories=[...])` adds one consideration per category; every notice is indexed
for search (folded text, and the PostgreSQL vector) as the ingest does.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta

import factory
from django.utils import timezone

from detection.enums import Category
from notices.enums import EvidenceKind, NoticeKind, Source
from notices.models import Buyer, Lot, Notice, SocialConsideration
from notices.vectors import refresh_search_vectors, search_text

CLAUSE = (
    "En application de l'article L2112-2 du code de la commande publique, l'exécution du marché "
    "comporte une clause sociale d'insertion à hauteur de 350 heures."
)
CLAUSE_EVIDENCE = "clause sociale d'insertion"


def index_for_search(notices: list[Notice]) -> None:
    """Fill `search_text` and, on PostgreSQL, `search_vector`, the way the ingest does."""
    for notice in notices:
        lots = [lot.title for lot in notice.lots.all()]
        notice.search_text = search_text(notice.title, notice.buyer.name, notice.description, lots)
        notice.save(update_fields=["search_text"])
    refresh_search_vectors([notice.pk for notice in notices])


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    name = factory.Sequence(lambda n: f"Commune n°{n}")
    key = factory.LazyAttribute(lambda buyer: f"name:{buyer.name.lower()}")
    departement = "33"


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice
        skip_postgeneration_save = True

    source = Source.BOAMP
    source_id = factory.Sequence(lambda n: f"26-{n:06d}")
    kind = NoticeKind.CONTRACT_NOTICE
    title = factory.Sequence(lambda n: f"Travaux de voirie n°{n}")
    buyer = factory.SubFactory(BuyerFactory)
    published_on = factory.LazyFunction(lambda: date(2026, 11, 2))
    deadline_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    cpv_main = "45233140"
    cpv_codes = factory.LazyAttribute(lambda notice: [notice.cpv_main])
    cpv_division = factory.LazyAttribute(lambda notice: notice.cpv_main[:2])
    departement = "33"
    departements = factory.LazyAttribute(lambda notice: [notice.departement])
    region = "75"
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    raw_compressed = factory.LazyFunction(lambda: zlib.compress(b"{}"))

    class Params:
        closed = factory.Trait(deadline_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)))
        reserved_inclusion = factory.Trait(
            has_social=True,
            social_categories=[Category.RESERVED_INCLUSION.value],
            consideration=factory.RelatedFactory(
                "tests.notices.factories.SocialConsiderationFactory",
                factory_related_name="notice",
                category=Category.RESERVED_INCLUSION,
            ),
        )
        # The description holds an insertion clause, found as an execution condition (text evidence).
        with_clause = factory.Trait(description=f"Rénovation des classes. {CLAUSE}")

    @factory.post_generation
    def categories(notice, create, categories, **kwargs):
        if categories is None and CLAUSE in notice.description:
            start = notice.description.index(CLAUSE_EVIDENCE)
            SocialConsiderationFactory(
                notice=notice,
                evidence_path="description",
                evidence_text=CLAUSE_EVIDENCE,
                evidence_start=start,
                evidence_end=start + len(CLAUSE_EVIDENCE),
                hours=350,
            )
            categories = [Category.EXECUTION_CONDITION]
        else:
            for category in categories or ():
                SocialConsiderationFactory(notice=notice, category=category, field_evidence=True)
        if categories:
            notice.social_categories = sorted({*notice.social_categories, *map(str, categories)})
            notice.has_social = True
            notice.save(update_fields=["social_categories", "has_social"])
        index_for_search([notice])


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    notice = factory.SubFactory(NoticeFactory)
    position = factory.Sequence(lambda n: n)
    lot_id = factory.Sequence(lambda n: f"LOT-{n:04d}")
    title = "Lot unique"
    departements = factory.LazyFunction(lambda: ["33"])


class SocialConsiderationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialConsideration

    notice = factory.SubFactory(NoticeFactory)
    category = Category.EXECUTION_CONDITION
    evidence_kind = EvidenceKind.TEXT
    evidence_path = "BT-70-Lot"
    evidence_text = "clause d'insertion de 350 heures"
    evidence_start = 0
    evidence_end = 32
    legal_basis = "L2112-2"
    confidence = 0.9
    detector_version = 1

    class Params:
        # A structured signal: eForms reserved participation (BT-71) "res-ws", no cited article.
        field_evidence = factory.Trait(
            evidence_kind=EvidenceKind.FIELD,
            evidence_path="BT-71-Lot",
            evidence_text="res-ws",
            evidence_start=None,
            evidence_end=None,
            legal_basis="",
        )
