"""Rules the generic ledger services run for forms and imports of 规范性文件."""

from django.core.exceptions import ValidationError

from fazhi.lawbook.citing import problems as citation_problems
from fazhi.ledgers.registry import Frozen
from fazhi.normative.models import PRE_PUBLICATION

# A published text changes only through the 修改 procedure (review, deliberation, publication
# again); before publication (or while being amended) the draft may be edited freely.
DOCUMENT_FROZEN = Frozen(
    fields=("occurred_on", "title", "drafting_unit", "summary", "legal_basis"),
    when=lambda stored: stored.status not in PRE_PUBLICATION,
    message=lambda stored, labels: (
        "该文件已公布，不能直接修改内容；需要修改的，请在办理流程中启动修改程序"
        "（重新征求意见、合法性审核、集体审议后公布）。"
    ),
)


def document_rules(document) -> None:
    """The 《…》 laws the document is made under were in force on its drafting date, articles
    in range (the law catalogue, fazhi.lawbook)."""
    problems = citation_problems(document.legal_basis, document.occurred_on)
    if problems:
        raise ValidationError({"legal_basis": problems})


def cleanup_rules(cleanup) -> None:
    """One cleanup round a township a year; a round whose results are published is closed."""
    if cleanup.completed_on is not None:
        raise ValidationError("本轮清理结果已公布，不能再修改。")
    year = cleanup.occurred_on.year
    clash = (
        type(cleanup)
        .objects.active()
        .filter(organisation_id=cleanup.organisation_id, occurred_on__year=year)
        .exclude(pk=cleanup.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {"occurred_on": f"本乡镇{year}年已有清理记录（{clash.title}），每年开展一轮清理。"}
        )
