from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.progress import progress
from fazhi.deadlines import selectors
from fazhi.deadlines.models import Deadline
from fazhi.notifications import services as notifications
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
    help = (
        "列出某单位（含下属单位）已逾期和即将到期的法定期限事项；"
        "加 --digest 则为每个人更新通知并发送每日邮件摘要（供每日定时任务使用）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", help="单位统一代码")
        parser.add_argument(
            "--digest",
            action="store_true",
            help="为所有在用账号更新通知，并向选择了每日邮件的人发送未读通知摘要",
        )
        parser.add_argument("--days", type=int, default=selectors.DEFAULT_DAYS, help="提前天数")
        parser.add_argument("--today", help="统计日期 YYYY-MM-DD（默认今天）")

    def handle(self, *args, org=None, days, today=None, digest=False, **options):
        if not org and not digest:
            raise CommandError("请用 --org 指定单位统一代码，或用 --digest 发送每日通知摘要。")
        if org:
            self._list(org, days, today)
        if digest:
            self._digest()

    def _digest(self):
        with progress("更新通知") as bar:

            def step(done: int, total: int) -> None:
                if done == 1:
                    bar.start(total)
                bar.advance()

            people = notifications.sync_everyone(step)
        self.stdout.write(f"已为 {people} 个在用账号更新通知。")
        if not settings.FAZHI_EMAIL_ENABLED:
            self.stdout.write("未配置邮件服务器（FAZHI_EMAIL_HOST），本次不发送邮件摘要。")
            return
        if not settings.FAZHI_SITE_URL:
            self.stdout.write("未设置网站地址（FAZHI_SITE_URL），邮件中的链接只有站内路径。")
        outcome = notifications.send_digests(site_url=settings.FAZHI_SITE_URL)
        self.stdout.write(f"已发送邮件摘要 {outcome.sent} 封，共 {outcome.items} 条通知。")
        for failure in outcome.failed:
            self.stderr.write(f"未发送：{failure}")
        if outcome.unsent:
            raise CommandError(f"{outcome.unsent} 封邮件未能发送，下次运行时会再发。")

    def _list(self, org, days, today):
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
