"""Accounts an administrator should act on, on their home page (工作台): locked out by the login
throttle, or never used (selectors.accounts_needing_attention)."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities
from fazhi.people import selectors


def source(user) -> TaskGroup | None:
    if Capability.ORG_MANAGE not in user_capabilities(user):
        return None
    now = timezone.now()
    found = selectors.accounts_needing_attention(user, now)
    tasks = []
    for account, reason in found[:TASK_LIMIT]:
        memberships = list(account.memberships.all())
        unit = memberships[0].organisation.name if memberships else ""
        name = account.display_name or account.username
        if reason == selectors.Attention.UNUSED:
            key = f"account:{account.pk}:unused"
            created = timezone.localtime(account.date_joined)
            title = f"{name}（{account.username}，{created:%Y-%m-%d}创建）仍未登录"
        else:
            # One lock-out event per day at most.
            key = f"account:{account.pk}:locked:{timezone.localdate(now):%Y%m%d}"
            title = f"{name}（{account.username}）多次密码错误，已被暂时锁定"
        tasks.append(
            Task(
                key=key,
                kind=TaskKind.AWAITING,
                title=title,
                url=reverse("people:detail", kwargs={"pk": account.pk}),
                organisation_name=unit,
                detail=selectors.ATTENTION_LABELS[reason],
            )
        )
    return TaskGroup(
        code="accounts",
        title="需要处理的账号",
        empty="没有需要处理的账号",
        tasks=tasks,
        order=60,
        link=reverse("people:list"),
        total=len(found),
    )
