"""Field paths that parsers (`sources/`) give to `Signal` and `TextField`, in one place.

When a parser renames a path, this module is the one edit. Paths not listed here are still
read as free text (texts) or ignored (signals). Parsers may prefix a path with where the field
sits ("tender.lots.otherRequirements.reservedParticipation",
"CONDITION_PARTICIPATION.MARCHE_RESERVE") and eForms PIN notices use "-Part" for "-Lot":
`signal_path` maps those to the names below.
"""

from __future__ import annotations

import re

# TED eForms (FORMATS.md section 1.1), all at lot level.
STRATEGIC_PROCUREMENT = "BT-06-Lot"  # soc-obj, env-imp, inn-pur, none
SOCIAL_OBJECTIVE = "BT-775-Lot"  # opp, acc-all, et-eq, gen-eq, hum-right, work-cond, other
RESERVED_PARTICIPATION = "BT-71-Lot"  # res-ws, res-pub-ser, none
RESERVED_EXECUTION = "BT-736-Lot"  # yes, no, not-known
PERFORMANCE_TERMS = "BT-70-Lot"
AWARD_CRITERION_NAME = "BT-734-Lot"
AWARD_CRITERION_DESCRIPTION = "BT-540-Lot"

# Award criteria given at notice level (BOAMP, OCDS tender.awardCriteria).
NOTICE_AWARD_CRITERION_NAME = "award_criteria.name"
NOTICE_AWARD_CRITERION_DESCRIPTION = "award_criteria.description"

# Record and lot fields read as text besides `texts`.
TITLE = "title"
DESCRIPTION = "description"

# DECP 2022/2024 (FORMATS.md section 3.1).
DECP_SOCIAL_CONSIDERATIONS = "considerationsSociales"

# BOAMP (FORMATS.md section 2.2).
BOAMP_CRITERIA = "criteres"
BOAMP_RESERVATION = "reservationMarche"
BOAMP_RESERVED = "MARCHE_RESERVE"  # v230: oui / non
BOAMP_RESERVED_YES = "MARCHE_RESERVE_OUI"  # v230: ATELIERS_PROTEGES, EMPLOIS_PROTEGES
BOAMP_PROFESSION_RESERVED = "PRESTATION_RESERVEE"  # a regulated profession: never social

# OCDS for eForms (FORMATS.md section 4).
OCDS_RESERVED_PARTICIPATION = "reservedParticipation"
OCDS_RESERVED_EXECUTION = "reservedExecution"
OCDS_SUSTAINABILITY_GOAL = "sustainability.goal"

SIGNAL_PATHS = (
    STRATEGIC_PROCUREMENT,
    SOCIAL_OBJECTIVE,
    RESERVED_PARTICIPATION,
    RESERVED_EXECUTION,
    DECP_SOCIAL_CONSIDERATIONS,
    BOAMP_CRITERIA,
    BOAMP_RESERVATION,
    BOAMP_RESERVED,
    BOAMP_RESERVED_YES,
    BOAMP_PROFESSION_RESERVED,
    OCDS_RESERVED_PARTICIPATION,
    OCDS_RESERVED_EXECUTION,
    OCDS_SUSTAINABILITY_GOAL,
)
_PART = re.compile(r"-Part$")


def signal_path(path: str) -> str | None:
    """The known signal path that `path` stands for, or None."""
    path = _PART.sub("-Lot", path)
    for known in SIGNAL_PATHS:
        if path == known or path.endswith("." + known):
            return known
    return None
