from io import StringIO

import pytest
from django.db import transaction

from accounts.demo import load_demo as load_accounts_demo
from followup.demo import load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The four case studies of the seeds (followup/demo.py) with the demo accounts, loaded once
    per module (a load takes seconds) inside a transaction rolled back after the module; each
    test still runs in its own nested transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_accounts_demo(StringIO())
        load_demo(StringIO())
        yield
        transaction.set_rollback(True)
