"""The detection rules, as tables: text rules, negatives, structured signals.

Text rules run on folded text (lower case, no accents, see `detection.text.fold`); in a
pattern a single space stands for any run of white space. Adding a phrasing is one line here
plus nothing else: `tests/detection/test_rules.py` runs every rule on its `example`.

How a rule acts depends on its role (`detect.py` combines them sentence by sentence):

- `FIXED`: the wording names its category ("critère social", "marché d'insertion").
- `INSERTION`: insertion vocabulary ("heures d'insertion", "publics éloignés de l'emploi").
  Its `category` by default (an execution condition, L2112-2 CCP, for most); an award
  criterion when a criterion word is near; the object of the contract when the sentence states
  the object; nothing of its own in a sentence that reserves the contract (the reservation says
  it all).
- `TOPIC`: words that name insertion without saying a clause exists ("insertion
  professionnelle", "entreprise d'insertion"): they also name buyers, departments and sites
  ("Mission locale d'insertion", "les locaux de l'entreprise d'insertion"). Like `INSERTION`
  with a criterion or an object nearby, an execution condition when the sentence speaks of the
  holder (`HOLDER_CONTEXT`), nothing otherwise.
- `RESERVATION`: a contract, lot or participation reserved. The kind comes from the
  `BENEFICIARY` rules or the reserved article cited in the same sentence; `standalone`
  reservations ("marché réservé") count even when the kind is not stated (see `detect.py` for
  the default), the others ("réservé aux ...") only with a known beneficiary, which keeps
  "réservée aux commissaires aux comptes" out.
- `BENEFICIARY`: the structures a reservation is for (EA/ESAT, SIAE, ESS, prison).
- `AWARD_CONTEXT`, `OBJECT_CONTEXT`, `HOLDER_CONTEXT`: words that turn nearby insertion
  vocabulary into an award criterion, an insertion object, or (for topics) a clause.
- `SOCIAL_CONTEXT`: words that make a reference needing context (L2112-2, R2152-7) social.

For context and beneficiary rules `category` is what the rule leads to on its example.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from detection import paths
from detection.enums import Category

EXEC = Category.EXECUTION_CONDITION
AWARD = Category.AWARD_CRITERION
DISABILITY = Category.RESERVED_DISABILITY
INCLUSION = Category.RESERVED_INCLUSION
ESS = Category.RESERVED_ESS
PENITENTIARY = Category.RESERVED_PENITENTIARY
OBJECT = Category.INSERTION_OBJECT
OTHER = Category.SOCIAL_OTHER
ANY_RESERVED = frozenset({DISABILITY, INCLUSION})

# A reservation that does not say for whom is reported as reserved to EA/ESAT (L2113-12): it is
# the oldest reservation (CMP 2006 art. 15), the one the eForms label `res-ws` names first, and
# the most frequent; the confidence says it is a default.
DEFAULT_RESERVED = DISABILITY
DEFAULT_RESERVED_CONFIDENCE = 0.6

# How far (in characters, within one sentence) a criterion word turns insertion vocabulary into
# an award criterion: "Critère n° 3 : nombre d'heures d'insertion proposées".
AWARD_CONTEXT_REACH = 80


class Role(enum.StrEnum):
    FIXED = "fixed"
    INSERTION = "insertion"
    TOPIC = "topic"
    RESERVATION = "reservation"
    BENEFICIARY = "beneficiary"
    AWARD_CONTEXT = "award_context"
    OBJECT_CONTEXT = "object_context"
    HOLDER_CONTEXT = "holder_context"
    SOCIAL_CONTEXT = "social_context"


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a rule: " ?" is optional white space, any other space is required white space."""
    return re.compile(pattern.replace(" ?", r"\s*").replace(" ", r"\s+"))


# Stems that every text able to give a consideration contains: a text without any of them is
# skipped before the rules run (DECP objects, most titles), which keeps detection well under a
# millisecond per record during ingest. A new rule must match only texts holding one of these
# stems; `tests/detection/test_rules.py` checks it on every example and on the corpus.
TRIGGER = compile_pattern(
    r"insertion|integration|inclusion|socia|reserv|restricted|ouvert|clause|eloign|far from|difficult|\brsa\b"
    r"|solidarite|longue duree|unemploy|qualification|prioritaire|emploi|employ|exclusion|pmsmp"
    r"|mise en situation"
    r"|facilitat|siae|geiq|intermediaire|professionnel|labou?r market|handicap|chomeu|defavoris|disadvantag"
    r"|detenu|penitentiaire|detention|prison|detainee|ordonnance|ordinance|marches publics|\bcmp\b"
    r"|\d(?:\s?\d){2,3}\s?-\s?\d"  # a Code de la commande publique article number
)


@dataclass(frozen=True)
class Rule:
    name: str
    role: Role
    category: Category
    pattern: str
    example: str
    comment: str
    confidence: float = 0.9
    standalone: bool = False  # RESERVATION only: counts without a named beneficiary
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", compile_pattern(self.pattern))


@dataclass(frozen=True)
class Negative:
    name: str
    pattern: str
    example: str
    comment: str
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", compile_pattern(self.pattern))


_R = Rule
_FIX, _INS, _TOP, _RES, _BEN = Role.FIXED, Role.INSERTION, Role.TOPIC, Role.RESERVATION, Role.BENEFICIARY
_AWC, _OBC, _HOC, _SOC = Role.AWARD_CONTEXT, Role.OBJECT_CONTEXT, Role.HOLDER_CONTEXT, Role.SOCIAL_CONTEXT

# fmt: off
RULES: tuple[Rule, ...] = (
    # --- insertion vocabulary: execution condition by default (L2112-2 CCP, CMP art. 14) ---
    _R("clause_insertion", _INS, EXEC,
       r"clauses? (?:sociales? )?(?:obligatoires? |incitatives? )?d'insertion",
       "Le marché comporte une clause obligatoire d'insertion par l'activité économique.",
       "The usual name of the L2112-2 clause, with its common adjectives."),
    _R("clause_sociale", _INS, EXEC, r"clauses? sociales?\b",
       "Ce marché comporte une clause sociale.",
       "Generic; stated absences (\"pas de clause sociale\") are negatives."),
    _R("action_insertion", _INS, EXEC, r"actions? d'insertion",
       "Le titulaire réalise une action d'insertion.", "CCAG 2021 art. 16.1 wording."),
    _R("heures_insertion", _INS, EXEC,
       r"heures? (?:de travail )?d'insertion|(?:reserve|consacre|affecte)(?:e|s|es)? a l'insertion"
       r"|\d ?h d'insertion|(?:volume|nombre|quota) (?:horaire |d'heures )?d'insertion",
       "Nombre d'heures d'insertion : 350 heures.", "Hours reserved to insertion."),
    _R("engagement_insertion", _INS, EXEC,
       r"(?:engagement|obligation|objectif|volet) (?:d'insertion|insertion\b|en matiere d'insertion)",
       "L'engagement d'insertion représente 630 heures.", "Commitment wording."),
    _R("insertion_iae", _TOP, EXEC, r"insertion par l'activite economique",
       "Le titulaire favorisera l'insertion par l'activité économique.",
       "IAE; a reservation when the sentence reserves the contract."),
    _R("insertion_professionnelle", _TOP, EXEC,
       r"insertion (?:sociale et |socio-?)?professionnelle|(?:projet|demarche|parcours) d'insertion"
       r"|(?:social|professional) integration"
       r"|(?:en faveur de|pour) l'insertion (?:des|de)\b",
       "Le titulaire s'engage dans une démarche d'insertion professionnelle.",
       "Also the name of buyers (\"Mission locale d'insertion professionnelle\"): needs a context."),
    _R("public_eloigne", _TOP, EXEC,
       r"(?:publics?|personnes?|people|persons) (?:(?:qui sont|who are|tres) )?"
       r"(?:eloigne(?:e|s|es)? (?:de l'|du marche de l')?emploi|far from (?:the labou?r market|employment))",
       "Le titulaire emploiera des publics éloignés de l'emploi.",
       "Eligible publics of the clause; also the subject of employment services, hence a topic."),
    _R("public_difficulte", _TOP, EXEC,
       r"publics? en difficulte|personnes? rencontrant des difficultes (?:sociales|d'acces|particulieres)"
       r"|difficultes? (?:particulieres? )?d'insertion|(?:social and professional|particular) difficulties",
       "Le titulaire emploiera des personnes rencontrant des difficultés sociales ou professionnelles.",
       "R2152-7 and CCAG wording of the eligible publics."),
    _R("parcours_insertion", _TOP, EXEC,
       r"(?:parcours|cursus|salaries?|personnes?|publics?) (?:en |d')(?:parcours d')?insertion",
       "Le titulaire emploiera des salariés en parcours d'insertion.", "People in an insertion pathway."),
    _R("publics_eligibles", _TOP, EXEC,
       r"beneficiaires? (?:du rsa|du revenu de solidarite active|de minima sociaux)"
       r"|demandeurs? d'emploi de longue duree|chomeurs? de longue duree|long-term unemployed"
       r"|jeunes? (?:de moins de 26 ans )?sans qualification"
       r"|(?:habitants?|jeunes?|residents?|issus) (?:des |d'un )?quartiers? prioritaires"
       r"|employment of (?:the )?(?:long-term )?(?:unemployed|disadvantaged)|unemployed (?:persons|people)",
       "Le titulaire confiera des heures de travail à des bénéficiaires du RSA.",
       "Publics listed by CCAG art. 16.1; bare \"demandeurs d'emploi\" is left out (job-coaching objects)."),
    _R("promotion_emploi", _INS, EXEC,
       r"promo(?:uvoir|tion de) l'emploi|(?:acces|retour) a l'emploi des personnes|lutte contre l'exclusion"
       r"|acces ou le retour a l'emploi|promoting the employment",
       "Clause de promotion de l'emploi de personnes en difficulté.", "CMP 2001 art. 14 wording."),
    _R("pmsmp", _INS, EXEC,
       r"\bpmsmp\b|periodes? de mise en situation en milieu professionnel",
       "Le marché comprend une PMSMP.", "A modality of the clause."),
    _R("clause_stage", _INS, EXEC, r"clauses? de stage", "Clause de stage : 140 heures.",
       "Internship variant of the social clause."),
    _R("facilitateur", _INS, EXEC, r"facilitat(?:eur|rice)s?\b",
       "Un facilitateur accompagne le titulaire.", "Only clauses have a facilitator."),
    _R("conditions_sociales", _INS, EXEC,
       r"conditions? d'execution (?:a caractere |de nature )?sociale?s?\b"
       r"|conditions? d'execution a caractere social"
       r"|condition d'execution relative a l'emploi",
       "Conditions d'exécution à caractère social détaillées au CCAP.", "L2112-2 wording."),
    _R("structures_iae", _TOP, EXEC,
       r"structures? d'insertion\b|\bsiae\b|entreprises? de travail temporaire d'insertion|\bgeiq\b"
       r"|associations? intermediaires?|entreprises? d'insertion|chantiers? d'insertion",
       "Le titulaire peut recourir à une entreprise de travail temporaire d'insertion.",
       "How a holder delivers the hours (DOMAIN.md 1.2)."),
    _R("dispositif_insertion", _INS, EXEC,
       r"dispositifs? d'insertion|accompagnement socio-?professionnel",
       "Le titulaire met en place un dispositif d'insertion.", "Support of insertion."),
    _R("clause_en", _INS, EXEC,
       r"(?:(?:social|employment|work|professional) )?(?:integration|insertion|inclusion) clauses?"
       r"|social clauses?"
       r"|clauses? (?:for|on|promoting|relating to) (?:the )?(?:employment|integration|insertion)",
       "The contract includes a social integration clause.", "TED English translations."),
    _R("hours_en", _INS, EXEC,
       r"(?:integration|insertion) hours|hours of (?:integration|insertion)"
       r"|(?:employment )?(?:integration|insertion) actions?"
       r"|persons in professional integration|excluded from the labou?r market",
       "Integration hours: 350.", "TED English translations."),
    # --- award criteria (L2152-7 / R2152-7 CCP, CMP art. 53) ---
    _R("performance_insertion", _FIX, AWARD,
       r"performances? en matiere d'insertion|(?:social |professional )?integration performance"
       r"|performances? in terms of (?:professional |social )?(?:integration|insertion)",
       "Performances en matière d'insertion professionnelle des publics en difficulté : 10 %.",
       "R2152-7 wording."),
    _R("critere_social", _FIX, AWARD,
       r"criteres? (?:de performance )?sociale?s?\b|criteres? sociaux|criteres? (?:\w+ et )?sociale?s?\b"
       r"|criteres? (?:\w+ )?(?:lies?|relatifs?) a l'insertion|criteres? d'insertion"
       r"|social criteri(?:on|a)",
       "Critère social : 10 %.", "A criterion named social."),
    _R("valeur_sociale", _FIX, AWARD,
       r"(?:valeur|note) sociale|social value",
       "Valeur sociale de l'offre (20 points).", "Names of a social criterion."),
    _R("insertion_weight", _FIX, AWARD,
       r"\binsertion (?:professionnelle )?[:(-]? ?\d{1,2} ?(?:%|points?)(?! ?(?:des|du|de|of)\b)",
       "Insertion : 10 %.", "A weight right after the word: a criterion (not \"5 % des heures\")."),
    # --- insertion as the object (R2123-1 3° CCP, CMP art. 30) ---
    _R("marche_insertion", _FIX, OBJECT,
       r"\b(?:marches?|prestations?)(?: de services?)? (?:de \w+ et )?d'insertion",
       "Marché d'insertion et de qualification professionnelle.",
       "The contract buys insertion itself."),
    _R("qualification_insertion", _FIX, OBJECT,
       r"qualification et (?:d'|de l')?insertion|insertion et (?:de )?qualification",
       "Prestations de qualification et d'insertion professionnelle.",
       "Services de qualification et d'insertion professionnelles (CMP art. 30)."),
    _R("integration_services_en", _FIX, OBJECT,
       r"integration (?:and qualification )?services?|integration and qualification",
       "Social and professional integration services for jobseekers.", "English object wording."),
    # --- social consideration without detail ---
    _R("dimension_sociale", _INS, OTHER,
       r"(?:dimension|performance) sociale|social (?:dimension|performance)",
       "Marché comportant une dimension sociale.",
       "Social without detail; an award criterion when a criterion word is near."),
    _R("considerations_sociales", _FIX, OTHER,
       r"considerations? sociales?|objectifs? sociaux|socialement responsables?|social objectives?",
       "Marché comportant des considérations sociales.",
       "Loi Climat wording and the eForms soc-obj label.", confidence=0.7),
    # --- reservations (L2113-12 to L2113-16 CCP) ---
    _R("reserved_contract", _RES, DEFAULT_RESERVED,
       r"(?:(?:marche|lot|accord-cadre|consultation|contrat|procedure|concession)s?(?: n ?[o°]\.?)?(?: \d+)?"
       r" (?:(?:est|sont) )?"
       r"reserve(?:e|s|es)?\b|reserved (?:contract|procurement|lot)"
       r"|(?:contract|lot|procurement) (?:is |are )?reserved)(?! ?,? ?(?:a|aux|au|for|to)\b)"
       r"|reserver (?:le|les|ce|cet|cette|la|l') ?(?:lots?|marche|accord-cadre|consultation|contrat)"
       r"|reservation (?:du |des |de )?(?:marche|lots?)",
       "Marché réservé.",
       "A contract reserved, kind possibly unstated. Followed by \"aux ...\" it is `reserved_to`: "
       "\"consultation réservée aux candidats ayant visité\" names no beneficiary, so no reservation.",
       standalone=True),
    _R("reserved_to", _RES, DEFAULT_RESERVED,
       r"reserve(?:e|s|es)? (?:uniquement |exclusivement )?(?:a|aux|au)\b|reservation (?:a|aux)\b"
       r"|(?:participation|execution|prestation)s? (?:(?:est|sont) )?reservee?s?\b"
       r"|reserved (?:for|to)|restricted to|(?:uniquement|exclusivement) ouverte?s? (?:a|aux)"
       r"|ouverte?s? (?:uniquement|exclusivement) (?:a|aux)",
       "Le marché est réservé aux entreprises adaptées.",
       "Needs a named beneficiary: reservations to a profession are not social."),
    _R("beneficiary_disability", _BEN, DISABILITY,
       r"\besats?\b|etablissements? et services? d'aide par le travail|centres? d'aide par le travail"
       r"|entreprises? adaptees?|\bea\b|ateliers? proteges?|emplois? proteges?|secteur (?:protege|adapte)"
       r"|(?:secteur|structures?) du (?:secteur du )?handicap|secteur du travail protege"
       r"|services? d'accompagnement par le travail"
       r"|(?:emploi\w*|employ\w*|integration of|(?:insertion|integration) (?:sociale et professionnelle )?de)"
       r"[^.;]{0,40}?(?:(?:personnes?|travailleurs|salaries) handicape\w*"
       r"|disabled (?:or disadvantaged )?(?:persons|workers|people))"
       r"|sheltered (?:workshops?|employment)|adapted (?:companies|enterprises)",
       "Marché réservé aux ESAT.",
       "L2113-12 CCP beneficiaries (EA: C. trav. L5213-13; ESAT: CASF L344-2). Disabled persons count "
       "only as the staff of the operator: \"places réservées aux personnes handicapées\" is parking."),
    _R("beneficiary_inclusion", _BEN, INCLUSION,
       r"structures? d'insertion\b|insertion par l'activite economique|\bsiae\b|entreprises? d'insertion"
       r"|ateliers? (?:et|ou) chantiers? d'insertion|chantiers? d'insertion|associations? intermediaires?"
       r"|entreprises? de travail temporaire d'insertion|\betti\b|\biae\b"
       r"|work integration (?:social )?enterprises?|integration enterprises?"
       r"|(?:emploi\w*|employ\w*|integration of|(?:insertion|integration) (?:sociale et professionnelle )?de)"
       r"[^.;]{0,40}?(?:travailleurs defavorises|personnes? (?:handicapees? ou )?defavorisees?"
       r"|disadvantaged (?:persons|workers|people))",
       "Marché réservé aux SIAE.", "L2113-13 CCP beneficiaries (C. trav. L5132-4)."),
    _R("beneficiary_ess", _BEN, ESS,
       r"economie sociale et solidaire|\bess\b|social economy|mission de service public"
       r"|public service mission",
       "Marché réservé aux entreprises de l'économie sociale et solidaire.",
       "L2113-15 CCP beneficiaries."),
    _R("beneficiary_penitentiary", _BEN, PENITENTIARY,
       r"\bdetenu(?:e|s|es)?\b|penitentiaire|\bdetention\b|\bprisons?\b|detainees?",
       "Marché réservé aux opérateurs employant des personnes détenues.",
       "L2113-13-1 CCP beneficiaries (ordonnance 2022-1336)."),
    # --- contexts ---
    _R("award_context", _AWC, AWARD,
       r"(?:sous-)?criteres?\b|criteri(?:on|a)\b|ponder\w*|notees?\b|\bnote sur\b|notation|\d+ points?\b"
       r"|\bjugement\b|weighting|performances? en matiere de",
       "Critère n° 3 : nombre d'heures d'insertion proposées (15 points).",
       "Turns nearby insertion vocabulary into an award criterion."),
    _R("object_context", _OBC, OBJECT,
       r"a pour objet|\bobjet(?: du marche| de la consultation)? ?:|(?:marche|contrat|prestation) porte sur"
       r"|ayant pour support|dont le support|\bsupport ?:|services sociaux"
       r"|subject of the contract|as (?:a|the) work (?:support|medium)",
       "Objet : accompagnement socioprofessionnel de personnes éloignées de l'emploi.",
       "Turns insertion vocabulary into the object of the contract (R2123-1 3°)."),
    _R("holder_context", _HOC, EXEC,
       r"\btitulaire\b|attributaire|\bcontractor\b|successful tenderer|entreprise retenue"
       r"|s'engagen?t? a|undertakes? to|\bholder\b",
       "Le titulaire peut recourir à un GEIQ.", "Turns an insertion topic into the holder's clause."),
    _R("social_context", _SOC, EXEC,
       r"\bsociale?s?\b|\bsociaux\b|\bsocial\b|insertion|integration"
       r"|emploi (?:des|de) (?:personnes|publics|jeunes|chomeurs)"
       r"|handicap|chomeu|exclusion|defavoris|disadvantaged|unemployed",
       "Conformément à l'article L2112-2 du CCP, le titulaire favorise l'emploi des personnes handicapées.",
       "Makes L2112-2 or R2152-7 social: they also serve environmental conditions and criteria."),
)

NEGATIVES: tuple[Negative, ...] = (
    Negative("insertion_paysagere",
             r"insertions? (?:paysagere|urbaine|architecturale)s?"
             r"|insertions? dans (?:le |son )?(?:site|paysage|environnement)"
             r"|(?:landscape|urban|software|systems?) integration"
             r"|integration (?:of|with) the (?:new |existing )?(?:software|system)",
             "Qualité de l'insertion paysagère du projet.", "Architecture and IT, not employment."),
    Negative("insertion_objet",
             r"insertions? (?:d'une?|de la|des|de|du) (?:\w+ )?"
             r"(?:clauses?|cables?|canalisations?|fourreaux|fibres?|panneaux|catheters?|dispositifs?"
             r"|aiguilles?|implants?|publicit\w*|annonces?|encarts?|pieces?|tuyaux|gaines?|conduites?|sondes?)"
             r"|insertions? publicitaires?",
             "Insertion d'une clause de révision des prix.", "Inserting a thing, not a person."),
    Negative("stated_absent",
             r"(?:\bpas|aucune?|\bsans|absence|\bno) (?:de |d')?"
             r"(?:clauses?|conditions?|criteres?|considerations?) (?:d'execution )?"
             r"(?:sociale?s?|sociaux|d'insertion)"
             r"|no social (?:clauses?|criteri\w+|considerations?)",
             "Pas de clause sociale.", "A consideration stated as absent."),
    Negative("negated_verb",
             r"\bne (?:comporte|prevoit|contient|fait|comprend|presente) (?:pas|aucune?)[^.;]{0,40}?"
             r"(?:clauses?|criteres?|considerations?)[^.;]{0,20}?(?:sociale?s?|sociaux|d'insertion)"
             r"(?:[^.;]{0,40}?\bni (?:clauses?|criteres?) (?:sociale?s?|sociaux|d'insertion))?",
             "Le marché ne comporte pas de clause d'insertion.", "Negated sentence."),
    Negative("label_no",
             r"(?:clauses? sociales?|clauses? d'insertion|considerations? sociales?|criteres? sociaux"
             r"|reservation du marche|(?:marche|lot|contrat|accord-cadre|consultation|procedure)s? reserve\w*"
             r"|(?:contract|lot|procurement) reserved|reserved contract|social clauses?)"
             r" ?: ?(?:non|no|aucune?|none|sans objet|neant|n/a)\b",
             "Marché réservé : non.", "A form field answered no."),
    Negative("clauses_of_other_contracts",
             r"clauses? sociales? (?:des|de ses|dans (?:les|ses)) (?:futurs |autres |prochains )?marches",
             "Assistance pour la rédaction des clauses sociales des futurs marchés.",
             "A service about other contracts' clauses (AMO, facilitation), not a clause of this one."),
    Negative("not_reserved",
             r"(?:n'est|ne sont|is|are) (?:pas|not) reserve\w*[^.;]*|\bnon reserve\w*",
             "Ce marché n'est pas réservé à des ateliers protégés.", "Negated reservation."),
    Negative("reserve_right",
             r"\bse reserve(?:nt)?\b|reserve(?:s|nt)? (?:le droit|la possibilite|la faculte)"
             r"|reserves? the right"
             r"|levee des reserves|\bsous reserve|\bsans reserve|\breserves (?:eventuelles|emises)",
             "L'acheteur se réserve le droit de ne pas donner suite.",
             "Reservation of a right, not of a contract."),
    Negative("reserved_place",
             r"(?:locale?s?|salles?|places?|emplacements?|parkings?|stationnements?|vestiaires?|bureaux?"
             r"|creneaux?) (?:\w+ )?reserve\w*",
             "Aménagement d'un local réservé au personnel de l'ESAT.",
             "A room or a parking place reserved to someone, not a contract."),
    Negative("profession",
             r"(?:reserve\w*|reserved) (?:uniquement |exclusivement )?(?:a|aux|au|for|to)"
             r" (?:une |des |la |les |the )?"
             r"(?:profession|commissaires aux comptes|avocats|experts-comptables|entreprises d'assurances?"
             r"|courtiers|notaires|architectes|geometres|huissiers|pharmaciens|medecins|personnes habilitees"
             r"|statutory auditors|lawyers|regulated profession)",
             "La prestation est réservée aux commissaires aux comptes.",
             "BOAMP PRESTATION_RESERVEE: a regulated profession."),
    Negative("disabled_workers_obligation",
             r"(?:obligation d'emploi|emploi|obligation to employ) (?:des |of )?"
             r"(?:travailleurs handicapes|disabled workers)"
             r"|\bl\.? ?5212-\d+[^.;]*",
             "En règle au regard des articles L. 5212-1 à L. 5212-11 du code du travail.",
             "Candidate statement on disabled workers (OETH): general labour law."),
    Negative("social_nouns",
             r"logements? sociaux|logement social|habitat social|bailleurs? sociaux|social housing"
             r"|raison sociale|capital social|siege social|regularite (?:fiscale et )?sociale"
             r"|fiscale et sociale|action sociale|aide sociale|ministeres? sociaux|centres? sociaux"
             r"|centre social|securite sociale"
             r"|cotisations? sociales?|charges? sociales?|dialogue social|reseaux? sociaux|protection sociale"
             r"|cohesion sociale|mixite sociale|medico-sociale?s?|medico-sociaux",
             "Construction de 24 logements sociaux.", "\"Social\" in the name of a thing."),
    Negative("accessibility",
             r"(?:normes?|regles?) d'accessibilite|accessibilite (?:pmr|numerique|des personnes handicapees)"
             r"|mise en (?:conformite )?accessibilite|accessibility (?:for|standards?)",
             "Respect des normes d'accessibilité PMR.",
             "Accessibility norms concern the works, not employment."),
)

# fmt: on


@dataclass(frozen=True)
class SignalRule:
    """A structured code and the consideration it proves.

    `categories` holds several candidates when the code says "reserved" without the kind;
    text evidence in the same scope picks the kind, else DEFAULT_RESERVED applies.
    """

    path: str
    code: str
    categories: frozenset[Category]
    confidence: float
    comment: str


def _signal(
    path: str, code: str, categories: frozenset[Category] | Category, confidence: float, comment: str
) -> SignalRule:
    if isinstance(categories, Category):
        categories = frozenset({categories})
    return SignalRule(path, code, categories, confidence, comment)


# fmt: off
SIGNAL_RULES: tuple[SignalRule, ...] = (
    _signal(paths.STRATEGIC_PROCUREMENT, "soc-obj", OTHER, 0.9,
            "eForms BT-06 'fulfilment of social objectives': social, no detail (DESIGN.md 3)."),
    _signal(paths.SOCIAL_OBJECTIVE, "opp", OTHER, 0.9,
            "Employment opportunities for long-term unemployed, disadvantaged or disabled: insertion aim "
            "without the means (clause, criterion or reservation), so social_other until text tells."),
    *(
        _signal(paths.SOCIAL_OBJECTIVE, code, OTHER, 0.7, "Other social objective of BT-775.")
        for code in ("work-cond", "gen-eq", "et-eq", "hum-right", "other")
    ),
    # BT-775 acc-all (accessibility for all) is deliberately absent: an accessibility norm is not a
    # social consideration for an inclusive employer (same as the text negative).
    _signal(paths.RESERVED_PARTICIPATION, "res-ws", ANY_RESERVED, 1.0,
            "Sheltered workshops and operators integrating disabled or disadvantaged persons: "
            "L2113-12, L2113-13 or L2113-14; the text tells which."),
    _signal(paths.RESERVED_PARTICIPATION, "res-pub-ser", ESS, 1.0,
            "Organisations pursuing a public-service mission: L2113-15 CCP."),
    _signal(paths.RESERVED_EXECUTION, "yes", ANY_RESERVED, 0.9,
            "Execution within sheltered employment programmes (dir. 2014/24 art. 20)."),
    _signal(paths.DECP_SOCIAL_CONSIDERATIONS, "Clause sociale", EXEC, 0.8,
            "DECP value for a social clause in the execution conditions (mapped to the category, not to "
            "social_other as DESIGN.md 3 first suggested: the value itself says it is a clause)."),
    _signal(paths.DECP_SOCIAL_CONSIDERATIONS, "Critère social", AWARD, 0.8,
            "DECP value for a social award criterion."),
    *(
        _signal(paths.DECP_SOCIAL_CONSIDERATIONS, code, ANY_RESERVED, 0.9,
                "DECP reserved contract or concession.")
        for code in ("Marché réservé", "Concession réservée", "Concession réservé")
    ),
    _signal(paths.BOAMP_CRITERIA, "sociaux", OTHER, 0.8, "BOAMP self-declared social flag."),
    _signal(paths.BOAMP_RESERVATION, "oui", ANY_RESERVED, 0.9, "BOAMP FNSimple reservationMarche."),
    _signal(paths.BOAMP_RESERVED, "oui", ANY_RESERVED, 0.9, "BOAMP v230 MARCHE_RESERVE_OUI."),
    *(
        _signal(paths.BOAMP_RESERVED_YES, code, ANY_RESERVED, 0.9, "BOAMP v230 reserved contract.")
        for code in ("ATELIERS_PROTEGES", "EMPLOIS_PROTEGES")
    ),
    _signal(paths.OCDS_RESERVED_PARTICIPATION, "shelteredWorkshop", ANY_RESERVED, 1.0,
            "OCDS mapping of res-ws."),
    _signal(paths.OCDS_RESERVED_PARTICIPATION, "publicServiceMissionOrganization", ESS, 1.0,
            "OCDS mapping of res-pub-ser."),
    _signal(paths.OCDS_RESERVED_EXECUTION, "true", ANY_RESERVED, 0.9, "OCDS mapping of BT-736 yes."),
    *(
        _signal(paths.OCDS_SUSTAINABILITY_GOAL, goal, OTHER, 0.8, "OCDS mapping of soc-obj / BT-775.")
        for goal in (
            "social",
            "social.disadvantagedEmploymentOpportunities",
            "social.laborRightsPromotion",
            "social.genderEquality",
            "social.ethnicEquality",
            "social.humanRightsInSupplyChain",
        )
    ),
)
# fmt: on
