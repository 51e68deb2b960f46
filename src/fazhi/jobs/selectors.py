"""Reads of background jobs: only ever the person's own."""

from django.http import Http404

from fazhi.jobs.models import Job

LIST_LIMIT = 50


def jobs_for(user) -> list[Job]:
    return list(Job.objects.filter(user=user).select_related("organisation")[:LIST_LIMIT])


def job_for(user, pk: int) -> Job:
    """The person's own job; anyone else's is not found (never forbidden: it is not theirs to
    know of)."""
    job = Job.objects.filter(user=user, pk=pk).select_related("organisation", "user").first()
    if job is None:
        raise Http404("没有找到该任务，或您无权查看。")
    return job
