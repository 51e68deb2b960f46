"""Demo data of the people pages: one account made a fortnight ago whose owner never logged in,
so the 清河乡 administrator's home page (工作台) has an account to act on."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Role
from fazhi.people.services import person_create

TOWNSHIP = "999901102"  # 清河乡
USERNAME, NAME, MADE_DAYS_AGO = "qinghe.wangli", "王丽", 14


@transaction.atomic
def load() -> None:
    township = Organisation.objects.filter(code=TOWNSHIP).first()
    User = get_user_model()
    if township is None or User.objects.filter(username=USERNAME).exists():
        return
    user, _password = person_create(
        actor=None, username=USERNAME, display_name=NAME, organisation=township, role=Role.CLERK
    )
    made = timezone.now() - timedelta(days=MADE_DAYS_AGO)
    User.objects.filter(pk=user.pk).update(date_joined=made)
