"""The 督察日期 of a finding and the 整改完成日期 of a rectification happened: a future date is
refused with the field named in Chinese and nothing written; today is accepted."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.supervision import services
from fazhi.supervision.models import Finding, Rectification, Source
from tests.snapshots import database_state

pytestmark = pytest.mark.django_db


def _open(world, found_on):
    return services.finding_open(
        world.users["inspector"],
        world.orgs["A1"],
        year=found_on.year,
        source=Source.VISIT,
        title="行政执法案卷文书不规范",
        rectify_by=found_on + timedelta(days=30),
        found_on=found_on,
    )


def _said(error) -> str:
    return " ".join(error.value.messages)


def test_a_finding_found_tomorrow_is_refused_and_today_accepted(world):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        _open(world, today + timedelta(days=1))
    assert refused.value.message_dict == {
        "found_on": [f"督察日期不能晚于今天（{today.year}年{today.month}月{today.day}日）。"]
    }
    assert Finding.objects.count() == 0
    with pytest.raises(ValidationError, match="督察日期不能早于2000年"):
        _open(world, date(1999, 12, 31))
    assert Finding.objects.count() == 0
    assert _open(world, today).found_on == today


def test_a_rectification_done_tomorrow_is_refused_and_today_accepted(world):
    today = timezone.localdate()
    finding = _open(world, today - timedelta(days=3))
    before = database_state(Finding, Rectification)
    with pytest.raises(ValidationError) as refused:
        services.rectification_submit(
            world.users["clerk"], finding, "已整改", today + timedelta(days=1)
        )
    assert refused.value.message_dict == {
        "done_on": [f"整改完成日期不能晚于今天（{today.year}年{today.month}月{today.day}日）。"]
    }
    assert database_state(Finding, Rectification) == before
    services.rectification_submit(world.users["clerk"], finding, "已整改", today)
    assert Rectification.objects.get(finding=finding).done_on == today
