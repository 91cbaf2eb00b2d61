"""Categories of social considerations (DESIGN.md section 3).

The values are stable API values. `detection/` stays free of `django.db`, so these are plain
`StrEnum`s with a French label each; models build their `choices` from `Category.choices()`.
"""

from __future__ import annotations

import enum

from django.utils.translation import gettext_lazy as _


class Category(enum.StrEnum):
    EXECUTION_CONDITION = "execution_condition"
    AWARD_CRITERION = "award_criterion"
    RESERVED_DISABILITY = "reserved_disability"
    RESERVED_INCLUSION = "reserved_inclusion"
    RESERVED_ESS = "reserved_ess"
    RESERVED_PENITENTIARY = "reserved_penitentiary"
    INSERTION_OBJECT = "insertion_object"
    SOCIAL_OTHER = "social_other"

    @property
    def label(self) -> str:
        return str(_CATEGORY_LABELS[self])

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, _CATEGORY_LABELS[member]) for member in cls]

    @classmethod
    def reserved(cls) -> frozenset[Category]:
        """Categories where only some kinds of structures may bid."""
        return frozenset(
            {
                cls.RESERVED_DISABILITY,
                cls.RESERVED_INCLUSION,
                cls.RESERVED_ESS,
                cls.RESERVED_PENITENTIARY,
            }
        )


_CATEGORY_LABELS = {
    Category.EXECUTION_CONDITION: _("Condition d'exécution (clause d'insertion)"),
    Category.AWARD_CRITERION: _("Critère d'attribution social"),
    Category.RESERVED_DISABILITY: _("Marché réservé (handicap : EA, ESAT)"),
    Category.RESERVED_INCLUSION: _("Marché réservé (insertion : SIAE)"),
    Category.RESERVED_ESS: _("Marché réservé (ESS, services sociaux)"),
    Category.RESERVED_PENITENTIARY: _("Marché réservé (milieu pénitentiaire)"),
    Category.INSERTION_OBJECT: _("Insertion objet du marché"),
    Category.SOCIAL_OTHER: _("Autre considération sociale"),
}


class Scope(enum.StrEnum):
    NOTICE = "notice"
    LOT = "lot"


class EvidenceKind(enum.StrEnum):
    FIELD = "field"  # a structured field or code (path + code)
    TEXT = "text"  # a span of a free text (path + offsets)
