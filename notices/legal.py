"""What each legal basis means, in French, for the notice page and the API.

`detection.legal` normalises every reference found in a notice to the Code de la commande
publique (CCP) article that carries the rule today; this table explains that article to a reader:
its title, what it allows, the texts that carried it before (CMP 2006, ordonnance 2015-899,
décret 2016-360; mapping in DOMAIN.md section 1.1) and a Légifrance search link.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from detection.enums import Category

LEGIFRANCE_SEARCH = "https://www.legifrance.gouv.fr/search/code"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    article: str  # "L2112-2"
    title: str
    allows: str
    older: str  # older equivalents, "" when the rule is new

    @property
    def legifrance_url(self) -> str:
        query = urlencode({"tab_selection": "code", "searchField": "ALL", "query": f"article {self.article}"})
        return f"{LEGIFRANCE_SEARCH}?{query}"


_BASES = (
    LegalBasis(
        "L2112-2",
        _("Conditions d'exécution à caractère social"),
        _(
            "L'acheteur peut imposer au titulaire des conditions d'exécution liées à l'objet du marché "
            "qui prennent en compte des considérations sociales ou relatives à l'emploi, par exemple "
            "réserver un nombre d'heures de travail à des personnes en insertion. Toute entreprise peut "
            "répondre ; le titulaire choisit comment réaliser les heures."
        ),
        _("Article 14 du Code des marchés publics (2001 et 2006) ; article 38 de l'ordonnance 2015-899."),
    ),
    LegalBasis(
        "L2112-2-1",
        _("Condition d'exécution sociale obligatoire au-dessus des seuils européens"),
        _(
            "Pour les consultations lancées à partir du 21 août 2026, les marchés d'une valeur égale ou "
            "supérieure aux seuils européens comportent une condition d'exécution prenant en compte des "
            "considérations relatives au domaine social ou à l'emploi, sauf exception motivée."
        ),
        _(
            "Créé par l'article 35 de la loi Climat et résilience (loi 2021-1104) ; "
            "sans équivalent antérieur."
        ),
    ),
    LegalBasis(
        "L2152-7",
        _("Critères d'attribution"),
        _(
            "L'offre économiquement la plus avantageuse peut être choisie sur plusieurs critères, dont "
            "des critères sociaux comme les performances en matière d'insertion professionnelle, "
            "pondérés et liés à l'objet du marché."
        ),
        _("Article 53-I du Code des marchés publics ; article 52 de l'ordonnance 2015-899."),
    ),
    LegalBasis(
        "R2152-7",
        _("Liste des critères d'attribution"),
        _(
            "Énumère les critères que l'acheteur peut retenir, parmi lesquels les performances en "
            "matière d'insertion professionnelle des publics en difficulté."
        ),
        _("Article 53-I du Code des marchés publics ; article 62 du décret 2016-360."),
    ),
    LegalBasis(
        "L2113-12",
        _("Marchés réservés aux entreprises adaptées et ESAT"),
        _(
            "Des marchés ou des lots peuvent être réservés aux entreprises adaptées, aux établissements "
            "et services d'aide par le travail (ESAT) et aux structures équivalentes qui emploient au "
            "moins 50 % de travailleurs handicapés."
        ),
        _("Article 15 du Code des marchés publics ; article 36-I de l'ordonnance 2015-899."),
    ),
    LegalBasis(
        "L2113-13",
        _("Marchés réservés aux structures d'insertion par l'activité économique"),
        _(
            "Des marchés ou des lots peuvent être réservés aux SIAE (entreprises d'insertion, ETTI, "
            "associations intermédiaires, ateliers et chantiers d'insertion) et aux structures "
            "équivalentes qui emploient au moins 50 % de travailleurs défavorisés."
        ),
        _("Article 36-II de l'ordonnance 2015-899 ; sans équivalent dans le Code des marchés publics."),
    ),
    LegalBasis(
        "L2113-13-1",
        _("Marchés réservés aux opérateurs employant des personnes détenues"),
        _(
            "Des marchés ou des lots peuvent être réservés aux opérateurs économiques qui exécutent "
            "leurs prestations en détention avec au moins 50 % de personnes détenues."
        ),
        _("Créé par l'ordonnance 2022-1336 ; sans équivalent antérieur."),
    ),
    LegalBasis(
        "L2113-14",
        _("Réservation commune handicap et insertion"),
        _(
            "Un même marché peut être réservé à la fois aux structures du handicap (L2113-12) et aux "
            "structures d'insertion (L2113-13)."
        ),
        _("Possible depuis la loi ASAP de 2020 ; auparavant les deux réservations étaient distinctes."),
    ),
    LegalBasis(
        "L2113-15",
        _("Marchés de services réservés aux entreprises de l'économie sociale et solidaire"),
        _(
            "Certains services sociaux, de santé ou culturels peuvent être réservés aux entreprises de "
            "l'ESS qui poursuivent une mission de service public, pour trois ans au plus."
        ),
        _("Article 37 de l'ordonnance 2015-899."),
    ),
    LegalBasis(
        "R2113-7",
        _("Proportion minimale de travailleurs des structures réservataires"),
        _(
            "Fixe à 50 % la part minimale de travailleurs handicapés ou défavorisés des structures "
            "auxquelles un marché est réservé ; l'avis mentionne la réservation."
        ),
        _("Article 15 du Code des marchés publics ; article 36 de l'ordonnance 2015-899."),
    ),
    LegalBasis(
        "R2113-8",
        _("Services réservés à l'économie sociale et solidaire"),
        _(
            "Précise les services sociaux, de santé et culturels qui peuvent être réservés aux "
            "entreprises de l'ESS."
        ),
        _("Article 37 de l'ordonnance 2015-899."),
    ),
    LegalBasis(
        "R2123-1",
        _("Procédure adaptée pour les services sociaux et autres services spécifiques"),
        _(
            "L'insertion ou la qualification professionnelle peut être l'objet même du marché : "
            "l'acheteur achète un parcours d'insertion sur un support d'activité (espaces verts, "
            "propreté, etc.) en procédure adaptée."
        ),
        _("Article 30 du Code des marchés publics ; article 28 du décret 2016-360."),
    ),
)

LEGAL_BASES: dict[str, LegalBasis] = {basis.article: basis for basis in _BASES}

# The basis a category relies on when detection found no citation (DESIGN.md section 3).
DEFAULT_BASIS: dict[Category, str] = {
    Category.EXECUTION_CONDITION: "L2112-2",
    Category.AWARD_CRITERION: "L2152-7",
    Category.RESERVED_DISABILITY: "L2113-12",
    Category.RESERVED_INCLUSION: "L2113-13",
    Category.RESERVED_ESS: "L2113-15",
    Category.RESERVED_PENITENTIARY: "L2113-13-1",
    Category.INSERTION_OBJECT: "R2123-1",
}


def explain(legal_basis: str | None, category: str | None = None) -> LegalBasis | None:
    """The explanation of `legal_basis`, else of the usual basis of `category`, else None."""
    if legal_basis and legal_basis in LEGAL_BASES:
        return LEGAL_BASES[legal_basis]
    if category in DEFAULT_BASIS:
        return LEGAL_BASES[DEFAULT_BASIS[Category(category)]]
    return None
