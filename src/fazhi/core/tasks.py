"""A person's pending work (待办), contributed by the apps.

Each app registers a source `source(user) -> TaskGroup | None` in its AppConfig.ready (module
`tasks.py` of the app). None: the group does not concern this person (their roles give them no
part in it); a group with no tasks is shown with its `empty` sentence ("本周没有到期事项"),
so the person sees what is fine. The home page (工作台) shows every group; notifications are made
from the same tasks, one per `Task.key` and person, so the two never disagree.

A source counts through the same selectors the rest of the platform uses, scoped to the user,
in a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class TaskKind(StrEnum):
    DUE = "due"  # falls due soon (本周到期)
    OVERDUE = "overdue"
    RETURNED = "returned"  # sent back to the person (退回修改)
    AWAITING = "awaiting"  # waits for this person's action (待审查/待审定/待讨论)
    MISSING = "missing"  # something required is absent (缺少佐证材料, 未服务的村)
    UPCOMING = "upcoming"  # coming soon with nothing planned (主题日)


TASK_KIND_LABELS = {
    TaskKind.DUE: "即将到期",
    TaskKind.OVERDUE: "已逾期",
    TaskKind.RETURNED: "被退回",
    TaskKind.AWAITING: "待办理",
    TaskKind.MISSING: "待补充",
    TaskKind.UPCOMING: "待安排",
}


@dataclass(frozen=True)
class Task:
    # Stable identity of the event, e.g. "deadline:123:overdue" or "report:45:returned:2";
    # a new event (a second return) needs a new key, the same event keeps its key.
    key: str
    kind: TaskKind
    title: str  # Chinese, names the record by title and date, never by number alone
    url: str
    organisation_name: str = ""
    due: date | None = None
    detail: str = ""  # one more short line, optional


@dataclass
class TaskGroup:
    code: str  # stable, e.g. "deadlines", "legal_review"
    title: str  # "到期和逾期事项"
    empty: str  # what is fine when there is nothing: "本周没有到期事项"
    tasks: list[Task] = field(default_factory=list)
    order: int = 100
    link: str = ""  # "查看全部" target, optional
    total: int | None = None  # when `tasks` is cut short, how many there are in all

    @property
    def count(self) -> int:
        return len(self.tasks) if self.total is None else self.total


# How many tasks a group lists on the home page; `TaskGroup.total` counts the rest.
TASK_LIMIT = 10

TaskSource = Callable[[object], TaskGroup | None]
_SOURCES: list[TaskSource] = []


def register(source: TaskSource) -> TaskSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def task_groups_for(user) -> list[TaskGroup]:
    if not getattr(user, "is_authenticated", False):
        return []
    shown = [group for source in _SOURCES if (group := source(user)) is not None]
    return sorted(shown, key=lambda group: (group.order, group.code))


def tasks_for(user) -> list[Task]:
    return [task for group in task_groups_for(user) for task in group.tasks]
