"""Legal references to social considerations, old and new, normalised to the current CCP basis.

Notices cite three generations of texts (DESIGN.md section 3, DOMAIN.md section 1.1): the 2006
Code des marchés publics (CMP, until 31 March 2016), ordonnance 2015-899 and décret 2016-360
(1 April 2016 to 31 March 2019), and the Code de la commande publique (CCP, since 1 April 2019).
A reference is reported with the CCP article that carries the same rule today, and with the form
actually written ("art. 14 du CMP").

An article number alone is not enough: L2113-12 of the Code général des collectivités
territoriales is about merging communes, "article 14" of a CCAP is about penalties. So a
reference counts only when the code named after it (or before it, "CMP art. 14") is the right
one; for the four-digit CCP numbers an unnamed code is taken as the CCP.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from detection.enums import Category
from detection.text import fold

_DISABILITY = Category.RESERVED_DISABILITY
_INCLUSION = Category.RESERVED_INCLUSION


class Context(enum.StrEnum):
    """What a sentence must speak of for a reference to prove a consideration by itself."""

    NONE = "none"  # the reference is enough (reserved contracts) or proves nothing alone
    SOCIAL = "social"  # social or employment words: L2112-2 also serves environmental conditions
    INSERTION = "insertion"  # insertion wording: R2123-1 covers every social and specific service


class Code(enum.StrEnum):
    CCP = "CCP"  # Code de la commande publique, since 1 April 2019
    CMP = "CMP"  # Code des marchés publics 2006 (and 2001)
    ORDONNANCE_2015 = "ordonnance 2015-899"
    DECRET_2016 = "décret 2016-360"
    TRAVAIL = "Code du travail"
    CASF = "Code de l'action sociale et des familles"
    OTHER = "other"  # CGCT, CCAP, RC...: the number means something else


@dataclass(frozen=True, slots=True)
class Article:
    """One article and what it means for detection.

    `bases` gives the current CCP basis per category: the reference is attached to a
    consideration of one of these categories. `emits` lists the considerations the reference
    proves on its own, each a set of candidate categories (several candidates: a reservation
    whose kind the text must tell, see `detect.py`). A reference with a `context` proves a
    consideration only in a sentence speaking of that context: L2112-2 also covers purely
    environmental execution conditions, R2152-7 environmental criteria, R2123-1 any social
    service (emergency shelter, school meals).
    """

    code: Code
    number: str
    bases: tuple[tuple[Category, str], ...]
    emits: tuple[frozenset[Category], ...] = ()
    context: Context = Context.NONE

    def basis_for(self, category: Category) -> str | None:
        return dict(self.bases).get(category)

    @property
    def basis(self) -> str | None:
        """The CCP basis when it does not depend on the category, else None (ord. art. 36)."""
        values = {basis for _, basis in self.bases}
        return values.pop() if len(values) == 1 else None


def _exec(code: Code, number: str) -> Article:
    return Article(code, number, ((Category.EXECUTION_CONDITION, "L2112-2"),), context=Context.SOCIAL)


def _award(code: Code, number: str, basis: str) -> Article:
    return Article(code, number, ((Category.AWARD_CRITERION, basis),), context=Context.SOCIAL)


def _object(code: Code, number: str) -> Article:
    return Article(code, number, ((Category.INSERTION_OBJECT, "R2123-1"),), context=Context.INSERTION)


def _reserved(code: Code, number: str, category: Category, basis: str) -> Article:
    return Article(code, number, ((category, basis),), emits=(frozenset({category}),))


_ANY_RESERVED = frozenset({_DISABILITY, _INCLUSION})

ARTICLES: tuple[Article, ...] = (
    # L2112-2 CCP: execution conditions may take social and employment matters into account.
    _exec(Code.CCP, "L2112-2"),
    # L2112-2-1 CCP (loi 2021-1104 art. 35): a social or employment condition becomes mandatory
    # above EU thresholds for consultations launched from 21 August 2026.
    Article(
        Code.CCP,
        "L2112-2-1",
        ((Category.EXECUTION_CONDITION, "L2112-2-1"),),
        context=Context.SOCIAL,
    ),
    # L2152-7 / R2152-7 CCP: award criteria, among them insertion performance.
    _award(Code.CCP, "L2152-7", "L2152-7"),
    _award(Code.CCP, "R2152-7", "R2152-7"),
    # L2113-12 CCP: reserved to EA, ESAT and equivalents (>= 50 % disabled workers, R2113-7).
    _reserved(Code.CCP, "L2113-12", _DISABILITY, "L2113-12"),
    # L2113-13 CCP: reserved to SIAE and equivalents (>= 50 % disadvantaged workers).
    _reserved(Code.CCP, "L2113-13", _INCLUSION, "L2113-13"),
    # L2113-13-1 CCP (ordonnance 2022-1336): reserved to operators working in prison.
    _reserved(Code.CCP, "L2113-13-1", Category.RESERVED_PENITENTIARY, "L2113-13-1"),
    # L2113-14 CCP as amended by loi ASAP (2020): reserved to both kinds at once.
    Article(
        Code.CCP,
        "L2113-14",
        ((_DISABILITY, "L2113-14"), (_INCLUSION, "L2113-14")),
        emits=(frozenset({_DISABILITY}), frozenset({_INCLUSION})),
    ),
    # L2113-15, L2113-16 and R2113-8 CCP: social, health, cultural services reserved to ESS.
    _reserved(Code.CCP, "L2113-15", Category.RESERVED_ESS, "L2113-15"),
    _reserved(Code.CCP, "L2113-16", Category.RESERVED_ESS, "L2113-15"),
    _reserved(Code.CCP, "R2113-8", Category.RESERVED_ESS, "R2113-8"),
    # R2113-7 CCP: the 50 % ratio of both reservations; the kind comes from the text.
    Article(Code.CCP, "R2113-7", ((_DISABILITY, "R2113-7"), (_INCLUSION, "R2113-7")), (_ANY_RESERVED,)),
    # R2123-1 3° CCP: social and specific services, where insertion itself is bought.
    _object(Code.CCP, "R2123-1"),
    # CMP 2006 art. 14: execution conditions with social elements -> L2112-2.
    _exec(Code.CMP, "14"),
    # CMP art. 15: contracts reserved to EA and ESAT -> L2113-12.
    _reserved(Code.CMP, "15", _DISABILITY, "L2113-12"),
    # CMP art. 30: services of art. 30 (qualification and insertion) in adapted procedure -> R2123-1.
    _object(Code.CMP, "30"),
    # CMP art. 53-I: award criteria including insertion performance -> R2152-7.
    _award(Code.CMP, "53", "R2152-7"),
    # Ordonnance 2015-899 art. 38: execution conditions -> L2112-2.
    _exec(Code.ORDONNANCE_2015, "38"),
    # Ordonnance art. 36: I reserved to EA/ESAT (-> L2113-12), II to SIAE (-> L2113-13).
    Article(
        Code.ORDONNANCE_2015, "36", ((_DISABILITY, "L2113-12"), (_INCLUSION, "L2113-13")), (_ANY_RESERVED,)
    ),
    _reserved(Code.ORDONNANCE_2015, "36-I", _DISABILITY, "L2113-12"),
    _reserved(Code.ORDONNANCE_2015, "36-II", _INCLUSION, "L2113-13"),
    # Ordonnance art. 37: reserved to ESS for social services -> L2113-15.
    _reserved(Code.ORDONNANCE_2015, "37", Category.RESERVED_ESS, "L2113-15"),
    # Ordonnance art. 52: award criteria -> L2152-7.
    _award(Code.ORDONNANCE_2015, "52", "L2152-7"),
    # Décret 2016-360 art. 62: list of award criteria -> R2152-7.
    _award(Code.DECRET_2016, "62", "R2152-7"),
    # Décret 2016-360 art. 28: social and specific services in adapted procedure -> R2123-1.
    _object(Code.DECRET_2016, "28"),
    # Code du travail L5132-4 defines the SIAE: it names the beneficiaries of an L2113-13
    # reservation, never a consideration by itself (a clause may be delivered through an SIAE).
    Article(Code.TRAVAIL, "L5132-4", ((_INCLUSION, "L2113-13"),)),
    # Code du travail L5213-13 defines the entreprises adaptées (L2113-12 beneficiaries).
    Article(Code.TRAVAIL, "L5213-13", ((_DISABILITY, "L2113-12"),)),
    # CASF L344-2 defines the ESAT (L2113-12 beneficiaries).
    Article(Code.CASF, "L344-2", ((_DISABILITY, "L2113-12"),)),
)

_BY_KEY = {(article.code, article.number): article for article in ARTICLES}


@dataclass(frozen=True, slots=True)
class Reference:
    """A legal reference found in a text: `start`/`end` cover the article and the code named."""

    article: Article
    start: int
    end: int
    cited: str

    @property
    def basis(self) -> str | None:
        return self.article.basis


# Code names as they appear after (or before) an article, on folded text.
_CODE_NAMES: tuple[tuple[Code, str], ...] = (
    (
        Code.CCP,
        r"\bccp\b|code de la commande publique|(?:public (?:procurement|order|contracts?)|procurement) code",
    ),
    (Code.CMP, r"\bcmp\b|code des marches publics"),
    (Code.ORDONNANCE_2015, r"(?:l')?ordonnance\b|\bordinance\b"),
    (Code.DECRET_2016, r"\bdecret\b|\bdecree\b"),
    (Code.TRAVAIL, r"code du travail|labou?r code"),
    (Code.CASF, r"code de l'action sociale et des familles|\bcasf\b"),
    (
        Code.OTHER,
        r"\bcgct\b|code general des collectivites territoriales|local (?:authorities|government) code"
        r"|code (?:civil|de commerce|de l'urbanisme|de la construction|de l'environnement"
        r"|de la sante publique|de la securite sociale|general des impots|des assurances|penal)"
        r"|\bccap\b|\bcctp\b|\bccag\b|cahier des|reglement de la consultation|\brc\b|\bae\b"
        r"|acte d'engagement|contrat|present|statuts|loi\b|convention",
    ),
)
_CODE_NAME = re.compile("|".join(f"(?P<{code.name}>{pattern})" for code, pattern in _CODE_NAMES))
_CODE_CONNECTOR = r"(?:\s*,)?\s*(?:du|de la|de l'|des|of the|of|,)?\s*(?:nouveau\s+|former\s+)?"

_ARTICLE_WORD = r"(?:articles?|art\.?)\s*"
# CCP style numbers: "L2112-2", "L. 2112-2", "L 21 12-2", "R.2152-7", "article 2112-2",
# "L.2113-13-1", "L. 5132-4", "L.344-2". The letter may be missing only after "article".
_NUMBERED = re.compile(
    rf"(?:(?P<word>{_ARTICLE_WORD})(?:n\s?[o°]\.?\s*)?)?"
    r"(?<![\w'])(?P<letter>[lr])?\s?\.?\s?(?P<num>\d(?:\s?\d){2,3})\s?-\s?(?P<sub>\d{1,2}(?:\s?-\s?\d{1,2})?)\b"
)
# Old style: "article 14 du CMP", "art. 53-1 du code des marchés publics", "article 36-II de
# l'ordonnance", "Article 14 CMP", "article 62 du décret 2016-360".
_OLD = re.compile(rf"{_ARTICLE_WORD}(?P<num>\d{{1,3}})(?:\s?[-.]?\s?(?P<para>iii|ii|i|[1-3])\b)?(?!\s?[-\d])")
# Code first: "CMP art. 14", "CMP, article 53".
_CODE_FIRST = re.compile(
    rf"\b(?P<code>cmp|code des marches publics)\s*,?\s*{_ARTICLE_WORD}(?P<num>\d{{1,3}})"
    r"(?:\s?[-.]?\s?(?P<para>iii|ii|i|[1-3])\b)?"
)
# "ordonnance no 2015-899", "décret n° 2016-360": another number means another text.
_TEXT_NUMBER = re.compile(r"\s*(?:n\s?[o°]\.?|no\.|number)?\s*(?P<year>\d{4})\s?-\s?(?P<seq>\d+)")
_EXPECTED_TEXT_NUMBER = {Code.ORDONNANCE_2015: ("2015", "899"), Code.DECRET_2016: ("2016", "360")}


def _digits(value: str) -> str:
    return re.sub(r"\s", "", value)


# What may sit between an article and its code in a list: ", L. 2112-3", " et L. 2113-13",
# " à L.2112-4", " et suivants", " et R. 2113-7 et suivants".
_LIST_ITEM = re.compile(
    r"\s*(?:,|et|a|ou|and|to)\s+(?:(?:articles?|art\.?)\s*)?[lr]?\s?\.?\s?(?P<num>\d(?:\s?\d){2,3})"
    r"\s?-\s?\d{1,2}(?:\s?-\s?\d{1,2})?\b|\s*et\s+(?:suivants|s\.)"
)
_CONNECTOR = re.compile(_CODE_CONNECTOR)


def _named_code(folded: str, end: int, family: str) -> tuple[Code | None, int]:
    """The code named right after an article (past a list of same-numbered articles), and the
    end of the reference.

    "article L. 2113-12 et L. 2113-13 du CGCT": both belong to the CGCT; in "article L. 2113-12
    et L. 5213-13 du code du travail" the code names only the second, differently numbered one.
    """
    position = end
    while item := _LIST_ITEM.match(folded, position):
        if item["num"] is not None and _digits(item["num"])[:2] != family:
            break
        position = item.end()
    listed = position != end
    match = _CODE_NAME.match(folded, _CONNECTOR.match(folded, position).end())
    if match is None:
        return None, end
    # In a list, each article keeps its own span so that the next one is found too.
    return Code[match.lastgroup], end if listed else match.end()


def _old_code(folded: str, end: int) -> tuple[Code | None, int]:
    """The code named right after an old-style article number ("du CMP", "de l'ordonnance")."""
    match = _CODE_NAME.match(folded, _CONNECTOR.match(folded, end).end())
    if match is None:
        return None, end
    code = Code[match.lastgroup]
    name_end = match.end()
    expected = _EXPECTED_TEXT_NUMBER.get(code)
    if expected:
        number = _TEXT_NUMBER.match(folded, name_end)
        if number:
            if (number["year"], number["seq"]) != expected:
                return Code.OTHER, number.end()
            name_end = number.end()
    return code, name_end


def _old_key(num: str, para: str | None) -> str:
    if num == "36" and para:
        return "36-I" if para in ("i", "1") else "36-II"
    return num


def find_references(text: str, folded: str | None = None) -> list[Reference]:
    """All references to a known article in `text`, in order, overlapping ones dropped."""
    folded = fold(text) if folded is None else folded
    found: list[Reference] = []
    for match in _NUMBERED.finditer(folded):
        if match["letter"] is None and match["word"] is None:
            continue
        letter = (match["letter"] or "l").upper()
        number = f"{letter}{_digits(match['num'])}-{_digits(match['sub'])}"
        code, name_end = _named_code(folded, match.end(), _digits(match["num"])[:2])
        if code is None:
            before = folded[max(0, match.start() - 12) : match.start()]
            code = Code.OTHER if re.search(r"\bcgct\b\s*,?\s*$", before) else Code.CCP
            name_end = match.end()
        article = _BY_KEY.get((code, number))
        if article is not None:
            found.append(Reference(article, match.start(), name_end, text[match.start() : name_end]))
    for match in _OLD.finditer(folded):
        code, name_end = _old_code(folded, match.end())
        if code is not None:
            article = _BY_KEY.get((code, _old_key(match["num"], match["para"])))
            if article is not None:
                found.append(Reference(article, match.start(), name_end, text[match.start() : name_end]))
    for match in _CODE_FIRST.finditer(folded):
        article = _BY_KEY.get((Code.CMP, _old_key(match["num"], match["para"])))
        if article is not None:
            found.append(Reference(article, match.start(), match.end(), text[match.start() : match.end()]))
    found.sort(key=lambda reference: (reference.start, -reference.end))
    kept: list[Reference] = []
    for reference in found:
        if not kept or reference.start >= kept[-1].end:
            kept.append(reference)
    return kept


def normalise_reference(text: str) -> Reference | None:
    """The first known reference in `text` ("L 21 12-2" -> L2112-2), or None."""
    references = find_references(text)
    return references[0] if references else None
