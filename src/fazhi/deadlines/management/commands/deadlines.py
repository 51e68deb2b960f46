from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.deadlines import selectors
from fazhi.deadlines.models import Deadline
from fazhi.orgs.models import Organisation


def _line(deadline: Deadline, today: date) -> str:
    left = deadline.days_left(today)
    when = f"已逾期 {-left} 天" if left < 0 else ("今天到期" if left == 0 else f"还剩 {left} 天")
    estimated = "（估算）" if deadline.estimated else ""
    return (
        f"  {deadline.due_on:%Y-%m-%d}{estimated}  {when}  {deadline.organisation.name}  "
        f"{deadline.name}：{deadline.record}"
    )


class Command(BaseCommand):
    help = "列出某单位（含下属单位）已逾期和即将到期的法定期限事项（可用于每日定时提醒）。"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="单位统一代码")
        parser.add_argument("--days", type=int, default=selectors.DEFAULT_DAYS, help="提前天数")
        parser.add_argument("--today", help="统计日期 YYYY-MM-DD（默认今天）")

    def handle(self, *args, org, days, today=None, **options):
        organisation = Organisation.objects.filter(code=org).first()
        if organisation is None:
            raise CommandError(f"没有统一代码为 {org} 的单位。")
        if days < 0:
            raise CommandError("提前天数不能为负数。")
        try:
            today = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError("统计日期格式应为 YYYY-MM-DD。") from exc
        scope = {"organisation": organisation, "today": today}
        overdue = list(selectors.overdue_deadlines(**scope).prefetch_related("record"))
        upcoming = list(selectors.upcoming_deadlines(**scope, days=days).prefetch_related("record"))
        self.stdout.write(f"{organisation.name}期限提醒（统计日期 {today:%Y-%m-%d}）")
        self.stdout.write(f"已逾期：{len(overdue)} 项")
        for deadline in overdue:
            self.stdout.write(_line(deadline, today))
        self.stdout.write(f"未来 {days} 天内到期：{len(upcoming)} 项")
        for deadline in upcoming:
            self.stdout.write(_line(deadline, today))
        if any(d.estimated for d in overdue + upcoming):
            self.stdout.write("注：标注“（估算）”的日期所在年度尚无节假日数据，按周一至周五估算。")
