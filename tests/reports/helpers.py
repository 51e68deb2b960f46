"""Ledger rows for report tests (created directly: the ledgers' own services are tested there)."""

from datetime import date

from fazhi.governance.models import Meeting
from fazhi.publicity.models import Activity

YEAR = 2024


def meeting(
    org,
    *,
    year=YEAR,
    month=3,
    kind=Meeting.Type.LEADING_GROUP,
    title="法治建设领导小组会议",
    position=Meeting.Position.SECRETARY,
    topics="研究部署法治建设",
):
    return Meeting.objects.create(
        organisation=org,
        occurred_on=date(year, month, 10),
        year=year,
        meeting_type=kind,
        title=title,
        presider="张三",
        presider_position=position,
        attendees=12,
        topics=topics,
    )


def activity(org, *, year=YEAR, month=6, materials=100, theme_day="", title="普法宣传活动"):
    return Activity.objects.create(
        organisation=org,
        occurred_on=date(year, month, 10 if not theme_day else 4),
        year=year,
        form=Activity.Form.CAMPAIGN,
        target=Activity.Target.VILLAGES,
        theme_day=theme_day,
        title=title,
        materials=materials,
        booklets=0,
        banners=1,
        blackboards=0,
        audience=50,
        questions=3,
        disputes=0,
    )
