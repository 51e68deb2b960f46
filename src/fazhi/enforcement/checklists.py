"""Two checklists of a case: the full-process record (《行政处罚法》第四十七条) and the
case-file review (案卷评查) score sheet.

Full-process record: every stage the case has reached needs a written record (文字); the stages
done on site — 调查取证 and 送达 — also need audio/video (音像), as local rules require officers to
carry a recorder (REGULATIONS.md §3, R16). The files themselves are attached to the case through
the ledger attachments; the checklist says which stage and form each record covers, so absences
are flagged per stage.
"""

from fazhi.enforcement.models import Case, ProcessRecord

Stage, Form = ProcessRecord.Stage, ProcessRecord.Form
ON_SITE = {Stage.INVESTIGATION, Stage.SERVICE}


def stages_reached(case: Case) -> list[str]:
    stages = [Stage.START, Stage.INVESTIGATION]
    if case.review_submitted_on or case.decided_on:
        stages.append(Stage.REVIEW)
    if case.decided_on:
        stages.append(Stage.DECISION)
    if case.served_on:
        stages.append(Stage.SERVICE)
    if case.status == Case.Status.CLOSED:
        stages.append(Stage.EXECUTION)
    return stages


def required_records(case: Case) -> list[tuple[str, str]]:
    required = []
    for stage in stages_reached(case):
        required.append((stage, Form.TEXT))
        if stage in ON_SITE:
            required.append((stage, Form.AUDIOVISUAL))
    return required


def missing_records(case: Case, present=None) -> list[str]:
    """Labels like 调查取证·音像记录 for each required record not yet registered."""
    if present is None:
        # .all(): served by a list's prefetch (LedgerKind.related) when there is one.
        present = {(record.stage, record.form) for record in case.process_records.all()}
    return [
        f"{Stage(stage).label}·{Form(form).label}"
        for stage, form in required_records(case)
        if (stage, form) not in present
    ]


# 案卷评查 score sheet: (field, item, maximum). A 100-point scheme of this software; the items
# follow issue 5 and the review contents of REGULATIONS.md §3 (R17, R18).
SCORE_ITEMS = [
    ("subject_score", "主体资格", 15),
    ("procedure_score", "程序", 25),
    ("facts_score", "事实", 15),
    ("evidence_score", "证据", 20),
    ("law_score", "法律适用", 15),
    ("documents_score", "文书与归档", 10),
]
MAX_TOTAL = sum(maximum for _, _, maximum in SCORE_ITEMS)
