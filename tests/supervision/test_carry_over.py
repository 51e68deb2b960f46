"""Unclosed findings carry into the next year: they stay open, count as 上年度遗留, and the
township's next drafted report states each in its 不足 part with its rectification state."""

from datetime import date

import pytest

from fazhi.reports.drafting import build_draft
from fazhi.reports.drafting.suggestions import FINDINGS_PLAN
from fazhi.supervision import selectors, services
from tests.supervision.helpers import finding

pytestmark = pytest.mark.django_db
TODAY = date(2026, 2, 10)


def _shortcomings(township, year):
    draft = build_draft(township, year, today=TODAY)
    return (
        [s for s in draft.suggestions if s.part == "shortcomings" and "督察" in s.text],
        [s for s in draft.suggestions if s.part == "plans" and s.text == FINDINGS_PLAN],
    )


def test_an_unclosed_finding_is_carried_over_and_drafted_into_the_next_report(world, people):
    township = world.orgs["A1"]
    old = finding(
        township,
        actor=people["inspector"],
        title="部分执法案卷缺少审核意见{x}",
        year=2024,
        found_on=date(2024, 11, 5),
        rectify_by=date(2024, 12, 31),
    )
    finding(township, title="本年度的问题", year=2026, found_on=date(2026, 1, 5))
    finding(world.orgs["A2"], title="乙镇的问题", year=2024, found_on=date(2024, 11, 5))

    carried = selectors.carried_over(today=TODAY, organisation=township)
    assert list(carried) == [old]
    assert list(selectors.overdue_findings(today=TODAY, organisation=township)) == [old]
    assert selectors.findings_by_state(organisation=township) == {
        "open": 2,
        "rectified": 0,
        "closed": 0,
    }

    # The report on 2025: last year's finding, named, carried over and overdue; not 2026's,
    # nor another township's. Braces in the title stay literal text, not a figure reference.
    items, plans = _shortcomings(township, 2025)
    assert [s.text for s in items] == [
        "上年度遗留问题：2024年实地督察指出的“部分执法案卷缺少审核意见{{x}}”问题尚未整改销号，"
        "整改期限为2024年12月31日，已超过整改期限仍未完成整改"
    ]
    assert items[0].evidence[0]["url"] == f"/supervision/{old.pk}/"
    assert len(plans) == 1

    # Rectified, waiting for 销号: still drafted, with its state.
    services.rectification_submit(people["clerk"], old, "已整改", date(2026, 1, 20), today=TODAY)
    items, _ = _shortcomings(township, 2025)
    assert [s.text.split("尚未整改销号，")[1] for s in items] == [
        "已于2026年1月20日完成整改，待督察销号"
    ]
    assert list(selectors.carried_over(today=TODAY, organisation=township)) == [old]
    assert list(selectors.overdue_findings(today=TODAY, organisation=township)) == []

    # Closed: no longer carried, no longer in the report, and no plan for it.
    services.finding_close(people["inspector"], old, "同意销号")
    items, plans = _shortcomings(township, 2025)
    assert items == [] and plans == []
    assert list(selectors.carried_over(today=TODAY, organisation=township)) == []


def test_a_finding_of_the_report_year_itself_is_drafted_without_the_carry_over_mark(world, people):
    township = world.orgs["A1"]
    finding(
        township,
        title="当年的问题",
        year=2025,
        found_on=date(2025, 9, 1),
        rectify_by=date(2026, 3, 31),
    )
    items, _ = _shortcomings(township, 2025)
    assert [s.text for s in items] == [
        "2025年实地督察指出的“当年的问题”问题尚未整改销号，正在整改，整改期限为2026年3月31日"
    ]
