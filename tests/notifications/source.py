"""A task source for tests: registered for one test (pytest's monkeypatch removes it after),
giving each named person the tasks the test sets."""

from dataclasses import dataclass, field
from datetime import date

import pytest

from fazhi.core import tasks as core_tasks
from fazhi.core.tasks import Task, TaskGroup, TaskKind

CODE = "test_group"


@dataclass
class FakeSource:
    tasks: dict[str, list[Task]] = field(default_factory=dict)  # username -> tasks
    totals: dict[str, int] = field(default_factory=dict)  # username -> total (cut short)
    title: str = "测试待办事项"
    empty: str = "本周没有测试事项"
    link: str = "/deadlines/"

    def __call__(self, user):
        if user.username not in self.tasks:
            return None  # the group does not concern this person
        return TaskGroup(
            code=CODE,
            title=self.title,
            empty=self.empty,
            tasks=list(self.tasks[user.username]),
            order=0,
            link=self.link,
            total=self.totals.get(user.username),
        )


def task(number: int, kind=TaskKind.DUE, **fields) -> Task:
    values = {
        "key": f"test:{number}:{kind}",
        "kind": kind,
        "title": f"测试事项{number}号答复",
        "url": f"/deadlines/?item={number}",
        "organisation_name": "甲镇",
        "due": date(2026, 12, 10),
    }
    return Task(**{**values, **fields})


def install(monkeypatch) -> FakeSource:
    """Make a FakeSource the only source for the test (the apps' own sources would add their
    tasks for the same people); monkeypatch puts the registry back after it."""
    source = FakeSource()
    monkeypatch.setattr(core_tasks, "_SOURCES", [source])
    return source


@pytest.fixture
def fake_source(monkeypatch) -> FakeSource:
    return install(monkeypatch)
