"""`detect` and `detect_text`: structured signals, scope, consolidation, evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detection import paths
from detection.detect import DETECTOR_VERSION, detect, detect_text
from detection.enums import Category, EvidenceKind
from detection.rules import DEFAULT_RESERVED_CONFIDENCE
from sources.records import AwardCriterion
from tests.detection.records import lot, notice, notice_with_signals

pytestmark = pytest.mark.no_django_db


def _summary(considerations):
    return [(c.category, c.lot_id) for c in considerations]


@pytest.mark.parametrize(
    ("signal", "category"),
    [
        ((paths.STRATEGIC_PROCUREMENT, "soc-obj"), Category.SOCIAL_OTHER),
        ((paths.SOCIAL_OBJECTIVE, "opp"), Category.SOCIAL_OTHER),
        ((paths.RESERVED_PARTICIPATION, "res-ws"), Category.RESERVED_DISABILITY),
        ((paths.RESERVED_PARTICIPATION, "res-pub-ser"), Category.RESERVED_ESS),
        ((paths.RESERVED_EXECUTION, "yes"), Category.RESERVED_DISABILITY),
        ((paths.DECP_SOCIAL_CONSIDERATIONS, "Clause sociale"), Category.EXECUTION_CONDITION),
        ((paths.DECP_SOCIAL_CONSIDERATIONS, "Critère social"), Category.AWARD_CRITERION),
        ((paths.DECP_SOCIAL_CONSIDERATIONS, "Marché réservé"), Category.RESERVED_DISABILITY),
        ((paths.BOAMP_CRITERIA, "sociaux"), Category.SOCIAL_OTHER),
        ((paths.BOAMP_RESERVATION, "oui"), Category.RESERVED_DISABILITY),
        ((paths.OCDS_RESERVED_PARTICIPATION, "publicServiceMissionOrganization"), Category.RESERVED_ESS),
    ],
)
def test_structured_signal_alone_gives_its_category(signal, category):
    assert _summary(detect(notice_with_signals(signal))) == [(category, None)]


@pytest.mark.parametrize(
    "signal",
    [
        (paths.STRATEGIC_PROCUREMENT, "none"),
        (paths.STRATEGIC_PROCUREMENT, "env-imp"),
        (paths.RESERVED_PARTICIPATION, "none"),
        (paths.RESERVED_EXECUTION, "no"),
        (paths.RESERVED_EXECUTION, "not-known"),
        (paths.SOCIAL_OBJECTIVE, "acc-all"),
        (paths.DECP_SOCIAL_CONSIDERATIONS, "Pas de considération sociale"),
        (paths.DECP_SOCIAL_CONSIDERATIONS, "Sans objet"),
        (paths.BOAMP_RESERVATION, "non"),
        (paths.BOAMP_PROFESSION_RESERVED, "oui"),
        ("some.unknown.path", "soc-obj"),
    ],
)
def test_negative_or_unknown_signal_gives_nothing(signal):
    assert detect(notice_with_signals(signal)) == []


def test_reservation_without_kind_has_a_default_confidence():
    (consideration,) = detect(notice_with_signals((paths.RESERVED_PARTICIPATION, "res-ws")))

    assert consideration.confidence == DEFAULT_RESERVED_CONFIDENCE
    assert consideration.evidence.kind is EvidenceKind.FIELD
    assert consideration.evidence.text == "res-ws"


def test_text_of_the_same_lot_tells_the_kind_of_a_reserved_flag():
    record = notice(
        lots=(
            lot(
                "LOT-0001",
                texts=(("BT-300-Lot", "Marché réservé aux SIAE (article L. 2113-13 du CCP)."),),
                signals=((paths.RESERVED_PARTICIPATION, "res-ws"),),
            ),
        )
    )

    (consideration,) = detect(record)

    assert (consideration.category, consideration.lot_id) == (Category.RESERVED_INCLUSION, "LOT-0001")
    assert consideration.legal_basis == "L2113-13"


def test_flattened_decp_list_is_split():
    record = notice_with_signals((paths.DECP_SOCIAL_CONSIDERATIONS, "Clause sociale, Critère social"))

    assert _summary(detect(record)) == [
        (Category.EXECUTION_CONDITION, None),
        (Category.AWARD_CRITERION, None),
    ]


def test_performance_terms_without_text_give_nothing():
    record = notice(lots=(lot("LOT-0001", texts=((paths.PERFORMANCE_TERMS, ""),)),))

    assert detect(record) == []


def test_social_award_criterion_of_a_lot_is_found_by_its_name():
    criteria = (
        AwardCriterion(type="price", name="Prix", weight=Decimal(60)),
        AwardCriterion(type="quality", name="Nombre d'heures d'insertion proposées", weight=Decimal(10)),
    )
    record = notice(lots=(lot("LOT-0001", award_criteria=criteria),))

    (consideration,) = detect(record)

    assert (consideration.category, consideration.lot_id) == (Category.AWARD_CRITERION, "LOT-0001")
    assert consideration.evidence.path == paths.AWARD_CRITERION_NAME


def test_text_in_a_lot_is_scoped_to_that_lot():
    record = notice(
        lots=(lot("LOT-0002", texts=((paths.PERFORMANCE_TERMS, "Clause d'insertion : 350 h."),)),)
    )

    (consideration,) = detect(record)

    assert (consideration.lot_id, consideration.hours) == ("LOT-0002", 350)


def test_notice_text_reserving_a_lot_of_the_record_is_scoped_to_that_lot():
    record = notice(
        texts=(
            (
                "BT-300-Procedure",
                "Il est décidé de réserver le lot 2 à des structures d'insertion (L2113-13).",
            ),
        ),
        lots=(lot("LOT-0001"), lot("LOT-0002")),
    )

    assert _summary(detect(record)) == [(Category.RESERVED_INCLUSION, "LOT-0002")]


def test_notice_text_naming_an_unknown_lot_stays_at_notice_scope():
    record = notice(texts=(("BT-24-Procedure", "Le lot 7 est réservé aux ESAT."),), lots=(lot("LOT-0001"),))

    assert _summary(detect(record)) == [(Category.RESERVED_DISABILITY, None)]


def test_hours_per_lot_follow_the_lot_they_are_written_after():
    record = notice(
        texts=(
            ("BT-300-Procedure", "Clause d'insertion : lot 1 : 120 heures d'insertion ; lot 2 : 80 heures."),
        ),
        lots=(lot("1"), lot("2")),
    )

    assert [(c.lot_id, c.hours) for c in detect(record)] == [("1", 120), ("2", 80)]


def test_lots_named_together_take_their_hours_respectively():
    record = notice(
        texts=(
            (
                "BT-300-Procedure",
                "Clause d'insertion pour les lots 1 et 2 (respectivement 350 et 210 heures).",
            ),
        ),
        lots=(lot("LOT-0001"), lot("LOT-0002"), lot("LOT-0003")),
    )

    assert [(c.lot_id, c.hours) for c in detect(record)] == [("LOT-0001", 350), ("LOT-0002", 210)]


def test_duplicates_merge_into_one_consideration_with_the_strongest_evidence():
    record = notice(
        texts=(
            ("objet", "Travaux de voirie avec clause d'insertion"),
            (
                "informations",
                "Clause sociale (article L. 2112-2 du CCP). Volume : 5 % des heures travaillées.",
            ),
        ),
        signals=((paths.DECP_SOCIAL_CONSIDERATIONS, "Clause sociale"),),
    )

    (consideration,) = detect(record)

    assert consideration.category is Category.EXECUTION_CONDITION
    assert consideration.evidence.kind is EvidenceKind.TEXT
    assert (consideration.legal_basis, consideration.percent) == ("L2112-2", Decimal(5))
    assert consideration.cited_reference == "article L. 2112-2 du CCP"


def test_hours_in_the_next_sentence_belong_to_the_clause():
    (consideration,) = detect_text("Le marché comporte une clause sociale. Volume : 420 heures.")

    assert consideration.hours == 420


def test_social_flag_gives_way_to_a_precise_consideration_of_the_notice():
    record = notice(
        texts=(("BT-24-Procedure", "Marché comportant une clause d'insertion de 300 heures."),),
        lots=(lot("LOT-0001", signals=((paths.STRATEGIC_PROCUREMENT, "soc-obj"),)),),
    )

    assert _summary(detect(record)) == [(Category.EXECUTION_CONDITION, None)]


def test_old_reference_is_reported_with_the_current_basis():
    (consideration,) = detect_text("En application de l'article 14 du CMP, clause d'insertion de 400 heures.")

    assert (consideration.legal_basis, consideration.cited_reference) == ("L2112-2", "article 14 du CMP")


def test_text_lot_id_is_kept():
    (consideration,) = detect_text("Marché réservé aux ESAT.", lot_id="3")

    assert consideration.lot_id == "3"


def test_consideration_serialises_for_storage_and_api():
    (consideration,) = detect_text("Clause d'insertion : 5 % des heures (article L2112-2 du CCP).")

    assert consideration.as_dict()["percent"] == 5.0
    assert consideration.as_dict()["legal_basis"] == "L2112-2"
    assert isinstance(DETECTOR_VERSION, int)


@pytest.mark.parametrize(
    "text",
    [
        "Clause d'insertion : 1\u202f200 heures réservées aux publics éloignés de l'emploi.",
        "Marché réservé aux entreprises adaptées (art. L2113-12 CCP). Lot 2 : 70 h.",
        "Critère n° 3 : performances en matière d'insertion professionnelle (10 %).",
    ],
)
def test_text_evidence_offsets_cut_the_evidence_from_the_text(text: str):
    considerations = detect_text(text)

    assert considerations
    for consideration in considerations:
        evidence = consideration.evidence
        assert text[evidence.start : evidence.end] == evidence.text


_VOCABULARY = [
    "clause", "d'insertion", "sociale", "marché", "réservé", "aux", "ESAT", "SIAE", "lot", "lots", "1", "2",
    "et", "350", "1 200", "heures", "h", "%", "des", "critère", "article", "L.", "2112-2", "L2113-13", "du",
    "CMP", "14", "ordonnance", "2015-899", "titulaire", "respectivement", "pas", "de", ":", "non", ".", ";",
    "(", ")", "\u202f", "\u00a0", "\n", "É", "ß", "İ", "ﬁ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(_VOCABULARY), max_size=60).map(" ".join),
    ),
    st.booleans(),
)
def test_arbitrary_text_never_crashes_and_offsets_stay_valid(text: str, in_a_notice_with_lots: bool):
    if in_a_notice_with_lots:
        record = notice(texts=(("BT-300-Procedure", text),), lots=(lot("LOT-0001"), lot("LOT-0002")))
        considerations = detect(record)
    else:
        considerations = detect_text(text)
    for consideration in considerations:
        evidence = consideration.evidence
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
        assert 0 <= consideration.confidence <= 1
