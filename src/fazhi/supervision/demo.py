"""Demo findings of the demo county, taken through the supervision services: one closed (销号)
last year, one rectified this year and waiting for the inspector's 销号, and one found last year
still waiting for rectification past its deadline (上年度遗留, overdue). A county that already
has findings is left alone, so a second run adds nothing."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.ledgers.demo import demo_townships
from fazhi.orgs.models import Membership
from fazhi.orgs.roles import Role
from fazhi.supervision import services
from fazhi.supervision.models import Finding, Rectification, Source


def _member(organisation, role):
    membership = Membership.objects.filter(organisation=organisation, role=role).first()
    return membership.user if membership else None


def _dated(finding, day: date) -> None:
    # The demo enters past rectifications today; show them as submitted on their day.
    moment = timezone.make_aware(datetime.combine(day, time(17, 30)))
    Rectification.objects.filter(finding=finding).update(submitted_at=moment)


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    townships = demo_townships()
    if len(townships) < 3 or Finding.objects.filter(organisation__in=townships).exists():
        return
    qingshan, qinghe, xincheng = townships[:3]
    inspector = _member(qingshan.parent, Role.INSPECTOR)
    last = today.year - 1

    # Closed last year: found on a visit, rectified in time, 销号.
    closed = services.finding_open(
        inspector,
        qinghe,
        year=last,
        source=Source.VISIT,
        title="重大行政决策事项目录未在政府网站向社会公开",
        detail="实地督察发现，年度重大行政决策事项目录经党委会审定后仅在内部印发。",
        rectify_by=date(last, 8, 15),
        found_on=date(last, 6, 18),
    )
    services.rectification_submit(
        _member(qinghe, Role.CLERK),
        closed,
        "已在政府门户网站“法治政府建设”专栏公开年度重大行政决策事项目录，并建立目录动态调整制度。",
        date(last, 7, 28),
        today=date(last, 7, 28),
    )
    _dated(closed, date(last, 7, 28))
    services.finding_close(inspector, closed, "整改到位，同意销号。", today=date(last, 8, 6))

    # This year: rectified before its deadline, waiting for 销号.
    found = today - timedelta(days=40)
    waiting = services.finding_open(
        inspector,
        xincheng,
        year=found.year,
        source=Source.VISIT,
        title="村（社区）法律顾问服务台账记录不完整",
        detail="抽查3个社区，法律顾问服务记录缺少服务对象和处理结果。",
        rectify_by=today - timedelta(days=5),
        found_on=found,
    )
    services.rectification_submit(
        _member(xincheng, Role.CLERK),
        waiting,
        "已组织各社区补全法律顾问服务记录，统一使用平台台账登记服务对象和处理结果。",
        today - timedelta(days=12),
        today=today,
    )
    _dated(waiting, today - timedelta(days=12))

    # Last year's, still waiting for rectification past its deadline (上年度遗留).
    services.finding_open(
        inspector,
        qingshan,
        year=last,
        source=Source.VISIT,
        title="部分行政执法案卷文书制作不规范，缺少法制审核意见",
        detail="抽查行政执法案卷10卷，其中3卷缺少法制审核意见书。",
        rectify_by=date(last, 12, 31),
        found_on=date(last, 11, 12),
    )
