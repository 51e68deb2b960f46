"""决策事项目录: one per township and year, published only after the party committee's consent."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.decisions.kinds import CATALOGUES
from fazhi.decisions.models import DecisionCatalogue
from fazhi.ledgers.services import record_create

pytestmark = pytest.mark.django_db

BASE = {
    "occurred_on": date(2025, 1, 8),
    "title": "甲镇2025年度重大行政决策事项目录",
    "items": "实施集镇道路提质改造工程\n调整镇域中小学布局方案",
    "approved_on": date(2025, 1, 15),
    "published_on": date(2025, 1, 20),
    "channel": "镇人民政府网站",
}


def create(world, **overrides):
    return record_create(
        actor=world.users["clerk"],
        kind=CATALOGUES,
        organisation=world.orgs["A1"],
        data=BASE | overrides,
    )


def refused(world, fragment, **overrides):
    before = DecisionCatalogue.history.count()
    with pytest.raises(ValidationError) as error:
        create(world, **overrides)
    assert fragment in " ".join(error.value.messages)
    assert DecisionCatalogue.history.count() == before


def test_published_catalogue_with_its_items(world):
    catalogue = create(world)
    assert catalogue.item_list() == ["实施集镇道路提质改造工程", "调整镇域中小学布局方案"]


def test_one_catalogue_per_township_and_year(world):
    create(world)
    refused(world, "每个乡镇每年一份", occurred_on=date(2025, 2, 1))
    create(world, occurred_on=date(2026, 1, 8), approved_on=None, published_on=None, channel="")


def test_publication_needs_the_party_committees_consent(world):
    refused(world, "第三条", approved_on=None)
    refused(world, "不能早于党委同意日期", published_on=date(2025, 1, 10))


def test_publication_needs_a_channel_and_a_channel_a_date(world):
    refused(world, "请填写公布渠道", channel="")
    refused(world, "请同时填写公布日期", published_on=None)


def test_items_are_required(world):
    refused(world, "至少填写一项决策事项", items="\n  \n")
