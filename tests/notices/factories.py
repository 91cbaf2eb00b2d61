"""Factories for stored notices; traits say the intent (`NoticeFactory(reserved_inclusion=True)`)."""

from __future__ import annotations

import zlib
from datetime import date, timedelta

import factory
from django.utils import timezone

from detection.enums import Category
from notices.enums import EvidenceKind, NoticeKind, Source
from notices.models import Buyer, Lot, Notice, SocialConsideration


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    name = factory.Sequence(lambda n: f"Commune n°{n}")
    key = factory.LazyAttribute(lambda buyer: f"name:{buyer.name.lower()}")
    departement = "33"


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

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
