"""A minimal 待办事项 panel on the home page, showing the task groups as they are (a stand-in for
the home page's own rendering of fazhi.core.tasks; drop this module, its template and its line
in apps.py once that exists)."""

from fazhi.core.home import Panel
from fazhi.core.tasks import task_groups_for


def panel(request) -> Panel | None:
    groups = task_groups_for(request.user)
    if not groups:
        return None
    return Panel(
        title="待办事项",
        template="core/_tasks_panel.html",
        context={"groups": groups},
        order=1,
    )
