"""Finished jobs the person has not opened yet, as pending work: a notification each (one per
job), settled when the person opens the job (services.mark_seen)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.jobs.models import FINISHED_STATES, Job, JobState

# Older outcomes no longer count as news.
RECENT_DAYS = 14


def group_for(user) -> TaskGroup:
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    unseen = Job.objects.filter(
        user=user, state__in=FINISHED_STATES, seen_at__isnull=True, finished_at__gte=since
    ).select_related("organisation")
    total = unseen.count()
    tasks = [
        Task(
            key=f"job:{job.pk}:{job.state}",
            kind=TaskKind.AWAITING,
            title=f"{job.title}：{'已完成，可下载' if job.result_file else '已完成'}"
            if job.state == JobState.DONE
            else f"{job.title}：未完成",
            url=reverse("jobs:detail", kwargs={"pk": job.pk}),
            organisation_name=job.organisation.name if job.organisation else "",
            detail=job.message.splitlines()[0][:300] if job.message else "",
        )
        for job in unseen[:TASK_LIMIT]
    ]
    return TaskGroup(
        code="jobs",
        title="后台任务",
        empty="没有新完成的后台任务",
        tasks=tasks,
        order=90,
        link=reverse("jobs:list"),
        total=total,
    )


def source(user) -> TaskGroup | None:
    """Only for people with a finished job to look at (others see no empty panel)."""
    group = group_for(user)
    return group if group.tasks else None
