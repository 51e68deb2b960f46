"""This year's records still lacking the evidence their kind requires (LedgerKind.evidence), on
the clerk's home page (工作台): selectors.records_without_evidence."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.tasks import TASK_LIMIT, Task, TaskGroup, TaskKind
from fazhi.ledgers import selectors
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities


def source(user) -> TaskGroup | None:
    if Capability.LEDGER_EDIT not in user_capabilities(user):
        return None
    year = timezone.localdate().year
    found, total = [], 0
    kinds = selectors.kinds_requiring_evidence()
    for kind in kinds:
        records = selectors.records_without_evidence(
            kind, year=year, user=user, capabilities=kind.edit_capabilities
        )
        total += records.count()
        found += [(record, kind) for record in records[:TASK_LIMIT]]
    found.sort(key=lambda pair: (pair[0].occurred_on, pair[1].slug, pair[0].pk))
    tasks = [
        Task(
            key=f"evidence:{kind.slug}:{record.pk}",
            kind=TaskKind.MISSING,
            title=f"{kind.label}：{selectors.record_name(record, user)}，缺少{kind.evidence}",
            url=reverse("ledgers:detail", kwargs={"kind": kind.slug, "pk": record.pk}),
            organisation_name=record.organisation.name,
        )
        for record, kind in found[:TASK_LIMIT]
    ]
    return TaskGroup(
        code="evidence",
        title="缺少佐证材料的台账记录",
        empty=f"{year}年的{'、'.join(kind.label for kind in kinds)}记录都已上传佐证材料",
        tasks=tasks,
        order=15,
        total=total,
    )
