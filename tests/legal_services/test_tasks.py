"""Villages without a 法律顾问 service on the home page (fazhi.legal_services.tasks): the clerk's
villages and the advisor's own."""

from datetime import timedelta

from django.utils import timezone

from fazhi.core.tasks import TaskKind
from fazhi.legal_services.tasks import advisor, township
from tests.legal_services.test_coverage import service
from tests.tasks_helpers import group_of, holders


def test_clerk_sees_each_unserved_village_of_the_township(world, django_assert_max_num_queries):
    today = timezone.localdate()
    service(world, "A1V1", today - timedelta(days=5))
    service(world, "A1V2", today - timedelta(days=100))
    group = group_of(world.users["clerk"], "village_services")
    assert [t.title for t in group.tasks] == [
        f"甲二村近90天没有法律顾问服务（上次服务 {today - timedelta(days=100):%Y-%m-%d}）"
    ]
    task = group.tasks[0]
    assert task.kind == TaskKind.MISSING and task.organisation_name == "甲镇"
    assert task.url == "/legal-services/coverage/"
    assert group.count == 1  # 乙一村 (another township) is not the clerk's
    with django_assert_max_num_queries(3):
        township(world.users["clerk"])


def test_advisor_sees_only_the_assigned_village(world, django_assert_max_num_queries):
    # The advisor serves 甲一村 only; 甲二村 and 乙一村 have no service either.
    group = group_of(world.users["advisor"], "advisor_services")
    assert [t.title for t in group.tasks] == ["甲一村近90天没有法律顾问服务（尚无服务记录）"]
    assert group.tasks[0].url == "/ledgers/legal-services/new/"
    assert group.tasks[0].key == f"village:{world.orgs['A1V1'].pk}:no_service:never"
    with django_assert_max_num_queries(3):
        advisor(world.users["advisor"])
    service(world, "A1V1", timezone.localdate())
    group = group_of(world.users["advisor"], "advisor_services")
    assert group.tasks == [] and group.empty == "您负责的村（社区）近90天都已服务"


def test_who_has_each_group(world):
    assert holders(world, "village_services") == {"clerk"}
    assert holders(world, "advisor_services") == {"advisor"}
