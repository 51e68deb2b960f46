from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fazhi.jobs import registry, selectors, services


@require_GET
def job_list(request):
    jobs = selectors.jobs_for(request.user)
    services.fail_stale(jobs)
    return render(request, "jobs/list.html", {"jobs": jobs, "limit": selectors.LIST_LIMIT})


@require_GET
def job_detail(request, pk: int):
    """The job's progress; while it runs, the page's status part reloads itself (htmx) and the
    person may leave and come back."""
    job = selectors.job_for(request.user, pk)
    services.fail_stale([job])
    services.mark_seen(job)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job})


@require_GET
def job_download(request, pk: int):
    """The job's file: its owner's only, and only while they may still see what it holds."""
    job = selectors.job_for(request.user, pk)
    path = services.result_path(job)
    if path is None or not path.is_file():
        raise Http404("该任务没有可下载的文件。")
    try:
        registry.get(job.kind).check(request.user, job.params)
    except (PermissionDenied, ValidationError) as refused:
        raise Http404("没有找到该任务，或您无权查看。") from refused
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name)
