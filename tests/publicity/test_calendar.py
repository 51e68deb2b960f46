"""The theme-day calendar: its logic (with a fixed today), its scoping and its page."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.ledgers.services import record_archive, record_create
from fazhi.publicity import kinds
from fazhi.publicity.selectors import (
    Status,
    calendar_summary,
    theme_day_calendar,
    theme_days_without_activity,
)
from fazhi.publicity.theme_days import BY_KEY, THEME_DAYS, WINDOW_DAYS

COUNTS = dict.fromkeys(
    ["materials", "booklets", "banners", "blackboards", "questions", "disputes"], 0
)
AFTER_YEAR = date(2026, 2, 1)


def _activity(world, org, day, theme, title=None):
    return record_create(
        actor=None,
        kind=kinds.ACTIVITIES,
        organisation=world.orgs[org],
        data={
            "occurred_on": day,
            "form": "campaign",
            "target": "villages",
            "theme_day": theme,
            "title": title or f"{org}{theme}{day}",
            "audience": 50,
            **COUNTS,
        },
    )


def _by_key(entries):
    return {entry.theme.key: entry for entry in entries}


def test_every_theme_day_in_date_order_with_its_window(world):
    entries = theme_day_calendar(world.users["clerk"], 2025, today=AFTER_YEAR)
    assert {entry.theme.key for entry in entries} == {theme.key for theme in THEME_DAYS}
    starts = [entry.start for entry in entries]
    assert starts == sorted(starts)
    security = _by_key(entries)["national_security"]
    assert (security.start, security.end) == (date(2025, 4, 8), date(2025, 4, 22))
    assert WINDOW_DAYS == 7


def test_theme_days_with_and_without_activities(world):
    held = _activity(world, "A1", date(2025, 3, 14), "consumer_rights")
    entries = _by_key(theme_day_calendar(world.users["clerk"], 2025, today=AFTER_YEAR))
    assert entries["consumer_rights"].status == Status.DONE
    assert entries["consumer_rights"].activities == [held]
    assert entries["constitution"].status == Status.GAP
    assert entries["constitution"].activities == []
    assert [t.name for t in entries["constitution"].missing] == ["甲镇"]


def test_status_depends_on_the_day_passed_in(world):
    _activity(world, "A1", date(2025, 3, 15), "consumer_rights")
    entries = _by_key(theme_day_calendar(world.users["clerk"], 2025, today=date(2025, 4, 15)))
    assert entries["consumer_rights"].status == Status.DONE
    assert entries["womens_day"].status == Status.GAP  # window ended 3月15日
    assert entries["national_security"].status == Status.OPEN  # today is the day itself
    assert entries["constitution"].status == Status.FUTURE
    summary = calendar_summary(list(entries.values()))
    assert summary == {"done": 1, "gap": 2, "open": 1, "future": 6}


def test_other_years_untagged_and_archived_activities_do_not_count(world):
    _activity(world, "A1", date(2024, 12, 4), "constitution")
    untagged = _activity(world, "A1", date(2025, 12, 4), "", title="宪法宣传（未标主题日）")
    archived = _activity(world, "A1", date(2025, 12, 5), "constitution")
    record_archive(actor=None, kind=kinds.ACTIVITIES, record=archived, reason="重复录入")
    entries = _by_key(theme_day_calendar(world.users["clerk"], 2025, today=AFTER_YEAR))
    assert entries["constitution"].activities == []
    assert entries["constitution"].status == Status.GAP
    assert untagged.theme_day == ""


def test_a_township_sees_only_its_own_activities(world):
    _activity(world, "A2", date(2025, 6, 26), "anti_drug")
    entries = _by_key(theme_day_calendar(world.users["clerk"], 2025, today=AFTER_YEAR))
    assert entries["anti_drug"].activities == []
    assert entries["anti_drug"].status == Status.GAP


def test_the_county_sees_which_township_has_a_gap(world):
    ours = _activity(world, "A1", date(2025, 6, 26), "anti_drug")
    _activity(world, "B1", date(2025, 6, 26), "anti_drug")  # another county
    entries = _by_key(theme_day_calendar(world.users["inspector"], 2025, today=AFTER_YEAR))
    anti_drug = entries["anti_drug"]
    assert anti_drug.activities == [ours]
    assert [t.name for t in anti_drug.missing] == ["乙镇"]
    assert anti_drug.status == Status.GAP
    _activity(world, "A2", date(2025, 6, 20), "anti_drug")
    entries = _by_key(theme_day_calendar(world.users["inspector"], 2025, today=AFTER_YEAR))
    assert entries["anti_drug"].status == Status.DONE
    assert entries["anti_drug"].missing == []


def test_theme_days_without_activity_for_the_report(world):
    """The report asks, without a user, for the theme days it requires, as of its day: a window
    not over yet is no gap."""
    _activity(world, "A1", date(2025, 5, 20), "civil_code_month")
    required = [BY_KEY["constitution"], BY_KEY["civil_code_month"]]
    a1 = world.orgs["A1"]

    def keys(today):
        gaps = theme_days_without_activity(year=2025, today=today, organisation=a1, themes=required)
        return [gap.theme.key for gap in gaps]

    assert keys(date(2025, 12, 6)) == []  # 宪法日 window runs to 12月11日
    assert keys(date(2025, 12, 12)) == ["constitution"]
    assert keys(AFTER_YEAR) == ["constitution"]


# The page ---------------------------------------------------------------------------------


def test_calendar_page_lists_activities_and_marks_gaps(client, world):
    activity = _activity(world, "A1", date(2025, 12, 4), "constitution", title="国家宪法日宣传")
    _activity(world, "A2", date(2025, 3, 15), "consumer_rights", title="乙镇消费维权宣传")
    client.force_login(world.users["clerk"])
    response = client.get(reverse("publicity:calendar"), {"year": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "普法主题日日历 · 2025年" in html
    assert "国家宪法日宣传" in html
    assert reverse("ledgers:detail", args=[kinds.ACTIVITIES.slug, activity.pk]) in html
    assert 'data-theme="constitution" data-status="done"' in html
    assert 'data-theme="consumer_rights" data-status="gap"' in html
    assert "乙镇" not in html and "乙镇消费维权宣传" not in html
    assert reverse("ledgers:list", args=[kinds.ACTIVITIES.slug]) + "?year=2025" in html


def test_calendar_page_defaults_to_this_year(client, world):
    from django.utils import timezone

    client.force_login(world.users["leader"])
    for query in ({}, {"year": "abc"}, {"year": "99999"}):
        response = client.get(reverse("publicity:calendar"), query)
        assert response.status_code == 200
        assert f"普法主题日日历 · {timezone.localdate().year}年" in response.content.decode()


def test_advisor_may_not_open_the_calendar(client, world):
    client.force_login(world.users["advisor"])
    assert client.get(reverse("publicity:calendar")).status_code == 403


@pytest.mark.parametrize("role", ["inspector", "county_admin"])
def test_county_page_names_the_township_with_a_gap(client, world, role):
    _activity(world, "A1", date(2025, 6, 26), "anti_drug", title="甲镇禁毒宣传")
    _activity(world, "B1", date(2025, 6, 26), "anti_drug", title="丙镇禁毒宣传")
    client.force_login(world.users[role])
    html = client.get(reverse("publicity:calendar"), {"year": "2025"}).content.decode()
    assert "甲镇禁毒宣传" in html
    assert "无活动：乙镇" in html
    assert "丙镇" not in html
