"""The menu shows each role the pages it may open, and no others."""

import pytest
from django.test import RequestFactory

from fazhi.site.navigation import navigation_for


def _labels(user):
    request = RequestFactory().get("/")
    request.user = user
    return [item["label"] for item in navigation_for(request)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("clerk", {"台账", "期限提醒", "指标看板", "年度报告", "考核", "督察整改"}, set()),
        ("leader", {"指标看板", "年度报告"}, set()),
        ("inspector", {"指标看板", "期限提醒", "年度报告", "考核", "考核细则", "督察整改"}, set()),
        ("reviewer", {"指标看板"}, {"年度报告"}),
        ("advisor", {"台账"}, {"指标看板", "期限提醒", "年度报告", "考核", "督察整改"}),
    ],
)
def test_menu_by_role(world, role, shown, hidden):
    labels = set(_labels(world.users[role]))
    assert shown <= labels
    assert not hidden & labels
