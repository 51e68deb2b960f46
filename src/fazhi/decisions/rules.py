"""Rules run by the ledger services (forms, imports) on catalogues and decisions."""

from django.core.exceptions import ValidationError

from fazhi.decisions.models import Status
from fazhi.ledgers.registry import Frozen

DECISION_ACT = "《重大行政决策程序暂行条例》"


def _others(record):
    others = type(record).objects.active().filter(organisation_id=record.organisation_id)
    return others.exclude(pk=record.pk) if record.pk else others


def catalogue_rules(record) -> None:
    errors = {}
    if not record.item_list():
        errors["items"] = "请至少填写一项决策事项。"
    if _others(record).filter(year=record.year).exists():
        errors["occurred_on"] = (
            f"本单位 {record.year} 年已编制决策事项目录，每个乡镇每年一份，请修改原目录。"
        )
    if record.approved_on and record.approved_on < record.occurred_on:
        errors["approved_on"] = "党委同意日期不能早于目录编制日期。"
    if record.published_on:
        if not record.approved_on:
            errors["approved_on"] = (
                f"决策事项目录须经同级党委同意后向社会公布（{DECISION_ACT}第三条），"
                "请先填写党委同意日期。"
            )
        elif record.published_on < record.approved_on:
            errors["published_on"] = (
                f"公布日期不能早于党委同意日期（{DECISION_ACT}第三条：经同级党委同意后公布）。"
            )
        if not record.channel.strip():
            errors["channel"] = "已公布的目录请填写公布渠道。"
    elif record.channel.strip():
        errors["published_on"] = "填写了公布渠道，请同时填写公布日期。"
    if errors:
        raise ValidationError(errors)


# Once the collective decision is taken, the draft it decided on is fixed (第三十条); the
# remarks stay editable.
DECISION_FROZEN = Frozen(
    fields=("occurred_on", "title", "sponsor_unit", "content"),
    when=lambda stored: stored.status != Status.PROCEDURES,
    message=lambda stored, labels: (
        f"决策已经集体讨论决定（{stored.get_status_display()}），"
        f"不能再修改{labels}；决策变更须重新履行法定程序。"
    ),
)
