"""The views' shared request helpers: the `?year=` parser never fails on junk, the permission
guard refuses with the Chinese message given."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.test import RequestFactory

from fazhi.core.http import int_param, require, year_param
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability


@pytest.mark.parametrize(
    ("query", "year"),
    [
        ("year=2024", 2024),
        ("year=%202024%20", 2024),
        ("", 2026),
        ("year=", 2026),
        ("year=abc", 2026),
        ("year=2024.5", 2026),
        ("year=1999", 2026),
        ("year=2101", 2026),
        ("year=-2024", 2026),
        ("year=" + "9" * 5000, 2026),  # longer than Python converts
        ("year=２０２４", 2024),  # full-width digits typed by a Chinese input method
    ],
)
def test_year_param_falls_back_on_anything_but_a_sane_year(query, year):
    request = RequestFactory().get("/?" + query)
    assert year_param(request, 2026) == year
    assert year_param(QueryDict(query), 2026) == year


def test_year_param_default_may_be_none_and_other_names_are_read():
    assert year_param({}, None) is None
    assert year_param({"y": "2023"}, None, name="y") == 2023
    assert int_param({"v": "3"}, "v") == 3
    assert int_param({"v": "3a"}, "v") is None
    assert int_param({}, "v") is None


def test_require_refuses_with_the_message():
    require(True, "不会出现")
    with pytest.raises(PermissionDenied, match="您的角色无权查看该台账。"):
        require(False, "您的角色无权查看该台账。")


def test_require_capability_anywhere_or_on_an_organisation(world):
    clerk, advisor = world.users["clerk"], world.users["advisor"]
    require_capability(clerk, Capability.LEDGER_EDIT, "x")
    require_capability(clerk, {Capability.INSPECT, Capability.LEDGER_VIEW}, "x")
    require_capability(clerk, Capability.LEDGER_EDIT, "x", world.orgs["A1"])
    with pytest.raises(PermissionDenied, match="无权修改"):
        require_capability(clerk, Capability.LEDGER_EDIT, "无权修改", world.orgs["A2"])
    with pytest.raises(PermissionDenied, match="无权查看"):
        require_capability(advisor, Capability.LEDGER_VIEW, "无权查看")
