from django.shortcuts import render

from fazhi.core.home import panels_for
from fazhi.core.tasks import TASK_KIND_LABELS, TaskKind, task_groups_for
from fazhi.notifications.services import sync_for
from fazhi.orgs.selectors import home_organisations

# The badge of each kind of task: what is late or sent back stands out.
KIND_BADGES = {
    TaskKind.OVERDUE: "text-bg-danger",
    TaskKind.RETURNED: "text-bg-danger",
    TaskKind.DUE: "text-bg-warning",
    TaskKind.AWAITING: "text-bg-primary",
}


def _shown(group) -> dict:
    rows = [
        {
            "task": task,
            "label": TASK_KIND_LABELS.get(task.kind, ""),
            "badge": KIND_BADGES.get(task.kind, "text-bg-secondary"),
        }
        for task in group.tasks
    ]
    return {"group": group, "rows": rows, "more": max(group.count - len(rows), 0)}


def home(request):
    groups = task_groups_for(request.user)
    sync_for(request.user, groups)  # the same tasks become notifications, computed once
    return render(
        request,
        "site/home.html",
        {
            "task_groups": [_shown(group) for group in groups],
            "panels": panels_for(request),
            "entries": home_organisations(user=request.user),
        },
    )
