import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.models import Membership, Organisation


def test_demo_creates_one_account_per_role_and_is_idempotent():
    call_command("demo", stdout=io.StringIO())
    counts = (get_user_model().objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("demo", stdout=io.StringIO())

    assert (
        get_user_model().objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
    ) == counts
    for account in DEMO_ACCOUNTS:
        user = get_user_model().objects.get(username=account.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.memberships.get(organisation__name=account.organisation).role == account.role
