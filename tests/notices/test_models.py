from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from detection.enums import Category
from notices import enums
from notices.models import Notice
from sources import records
from tests.notices.factories import LotFactory, NoticeFactory


@pytest.mark.no_django_db
@pytest.mark.parametrize(
    ("ours", "theirs"), [(enums.Source, records.Source), (enums.NoticeKind, records.NoticeKind)]
)
def test_stored_choices_mirror_the_parsers_contract(ours, theirs):
    assert {choice.value for choice in ours} == {member.value for member in theirs}


def test_source_and_source_id_are_unique_together():
    notice = NoticeFactory()
    with pytest.raises(IntegrityError):
        NoticeFactory(source=notice.source, source_id=notice.source_id)


def test_open_keeps_competition_notices_with_a_deadline_ahead():
    open_notice = NoticeFactory()
    NoticeFactory(closed=True)
    NoticeFactory(kind=enums.NoticeKind.AWARD, deadline_at=timezone.now() + timedelta(days=3))
    assert list(Notice.objects.open()) == [open_notice]
    assert open_notice.is_open


def test_in_departement_also_matches_a_lot_performed_there():
    by_notice = NoticeFactory(departement="69")
    by_lot = LotFactory(departements=["33", "69"]).notice
    NoticeFactory(departement="33")
    assert set(Notice.objects.in_departement("69")) == {by_notice, by_lot}


def test_in_category_finds_notices_with_that_consideration_once():
    reserved = NoticeFactory(reserved_inclusion=True)
    NoticeFactory()
    assert list(Notice.objects.in_category(Category.RESERVED_INCLUSION)) == [reserved]
    assert list(Notice.objects.with_social_consideration()) == [reserved]


def test_newest_first_puts_undated_notices_last():
    undated = NoticeFactory(published_on=None)
    older = NoticeFactory(published_on=timezone.localdate() - timedelta(days=9))
    newer = NoticeFactory(published_on=timezone.localdate())
    assert list(Notice.objects.newest_first()) == [newer, older, undated]
