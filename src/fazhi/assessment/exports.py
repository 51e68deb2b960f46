"""The assessment result as files: the county's Excel workbook (a sheet of totals, a sheet of
every item) and each township's feedback (反馈意见) as .docx in the annual report's official
format. Every number comes from results.scheme_result, as on the pages."""

from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from fazhi import spreadsheet
from fazhi.assessment.models import RuleKind
from fazhi.assessment.results import SchemeResult, TownshipResult
from fazhi.assessment.rules import describe
from fazhi.reports.document import (
    Block,
    Part,
    ReportDocument,
    chinese_number,
    official_name,
    part_number,
)
from fazhi.reports.docx import render_docx


def number(value: Decimal | None) -> str:
    """82.50 → "82.5", 80.00 → "80"."""
    if value is None:
        return "—"
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def change_text(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"+{number(value)}" if value > 0 else number(value)


def result_workbook(result: SchemeResult) -> Workbook:
    scheme = result.scheme
    workbook = Workbook()
    totals = workbook.active
    totals.title = "总分"
    spreadsheet.append(totals, [f"{scheme.title}（{scheme.year}年度）考核结果"])
    totals["A1"].font = Font(bold=True, size=13)
    header = ["排名", "乡镇（街道）", "单位代码"]
    header += [f"{c.name}（{number(c.points)}分）" for c in result.categories]
    header += [f"总分（{number(scheme.total_points)}分）", "等次", "上年总分", "同比变化"]
    header += ["一票否决", "未评分项"]
    spreadsheet.append(totals, header)
    for township in result.ranked:
        row = [township.rank, township.organisation.name, township.organisation.code]
        row += [float(c.subtotal) for c in township.categories]
        row += [
            float(township.total),
            township.grade,
            None if township.previous_total is None else float(township.previous_total),
            None if township.change is None else float(township.change),
            "是" if township.vetoed else None,
            township.unscored,
        ]
        spreadsheet.append(totals, row)
    _style_header(totals, width=16)

    items = workbook.create_sheet("各项得分")
    spreadsheet.append(items, [f"{scheme.title}（{scheme.year}年度）各项得分明细"])
    items["A1"].font = Font(bold=True, size=13)
    spreadsheet.append(
        items,
        [
            "乡镇（街道）",
            "类别",
            "编号",
            "考核内容",
            "分值",
            "计分规则",
            "读取的数值",
            "计分说明",
            "系统计分",
            "自评分",
            "审核",
            "评定分",
            "理由",
            "得分",
            "得分来源",
        ],
    )
    for township in result.ranked:
        for category in township.categories:
            for row in category.items:
                score, item = row.score, row.item
                items_row = [
                    township.organisation.name,
                    category.category.name,
                    item.code,
                    item.title,
                    float(item.points),
                    describe(item.kind, item.points, item.params),
                    _value_text(row.basis),
                    row.basis.get("explanation", ""),
                    _float(score.computed if score else None),
                    _float(score.self_score if score else None),
                    score.get_review_display() if score else "",
                    _float(score.final if score else None),
                    score.reason if score else "",
                    float(row.points),
                    row.source_label,
                ]
                spreadsheet.append(items, items_row)
    _style_header(items, width=14)
    items.column_dimensions["D"].width = 40
    items.column_dimensions["F"].width = 36
    items.column_dimensions["H"].width = 36
    return workbook


def _float(value):
    return None if value is None else float(value)


def _value_text(basis: dict) -> str:
    if not basis or basis.get("source") == "manual":
        return ""
    value = basis.get("value")
    label = basis.get("label", "")
    if value is None:
        return f"{label}：—"
    labels = {"on_time": "按时", "late": "迟报（迟于期限）", "missing": "未报送"}
    text = (
        labels.get(value, f"{value}{basis.get('unit', '')}")
        if isinstance(value, str)
        else (f"{value}{basis.get('unit', '')}")
    )
    return f"{label}：{text}"


def _style_header(sheet, *, width: int) -> None:
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column in range(1, sheet.max_column + 1):
        letter = sheet.cell(row=2, column=column).column_letter
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C3"


# --- feedback (反馈意见) ------------------------------------------------------------------------


def recipient_of(organisation) -> str:
    """主送: the township's government (a 街道's office)."""
    return f"{official_name(organisation.name)}："


def issuer_of(county) -> str:
    return f"中共{county.name}委全面依法治县委员会办公室"


def feedback_document(
    result: SchemeResult, township: TownshipResult, county, signed_on: date
) -> ReportDocument:
    scheme = result.scheme
    organisation = township.organisation
    summary = (
        f"经考核，你单位{scheme.year}年度法治政府建设考核得分{number(township.total)}分"
        f"（满分{number(scheme.total_points)}分），等次为{township.grade or '未定'}，"
        f"在全县{result.county_size}个乡镇（街道）中排名第{township.rank}位。"
    )
    if township.change is not None:
        summary += f"与上年相比{'增加' if township.change >= 0 else '减少'}"
        summary += f"{number(abs(township.change))}分。"
    blocks = [Block((summary,))]
    if township.vetoed:
        blocks.append(Block(("因存在一票否决情形，考核总分计为0分。",)))
    if township.unscored:
        blocks.append(Block((f"尚有{township.unscored}项未评分，按0分计。",)))
    parts = [Part("result", f"{part_number(1)}考核结果", tuple(blocks))]

    category_blocks = []
    for position, category in enumerate(township.categories, start=1):
        category_blocks.append(
            Block(
                (
                    f"（{chinese_number(position)}）{category.category.name}："
                    f"得分{number(category.subtotal)}分（分值{number(category.category.points)}分）。",
                )
            )
        )
    parts.append(Part("categories", f"{part_number(2)}各类别得分", tuple(category_blocks)))

    lost = []
    for row in township.items:
        if row.points >= row.item.points and row.item.points:
            continue
        if not row.item.points and row.points >= 0:
            continue  # a deduction item with nothing deducted
        # The inspector's reason, else how the rule scored it (a manual item has no rule text
        # worth sending: its reason is the inspector's).
        why = row.score.reason if row.score and row.score.reason else ""
        if not why and row.item.kind != RuleKind.MANUAL:
            why = row.basis.get("explanation", "")
        text = (
            f"{len(lost) + 1}. {row.item.code} {row.item.title}：得分{number(row.points)}分"
            f"（分值{number(row.item.points)}分）。"
        )
        if why:
            text += f"{why.rstrip('。')}。"
        lost.append(Block((text,)))
    if not lost:
        lost.append(Block(("各考核项目均未扣分。",)))
    parts.append(Part("deductions", f"{part_number(3)}扣分事项", tuple(lost)))

    demands = (
        "请对照上述扣分事项认真分析原因，逐项整改，"
        "于收到本反馈意见之日起一个月内将整改情况书面报送我办。"
    )
    if township.grade == "不合格":
        demands = "你单位考核等次为不合格，须于收到本反馈意见之日起一个月内向我办提交整改报告。"
    parts.append(Part("demands", f"{part_number(4)}整改要求", (Block((demands,)),)))
    return ReportDocument(
        title=f"关于{organisation.name}{scheme.year}年度法治政府建设考核结果的反馈意见",
        organisation_name=issuer_of(county),
        organisation_code=county.code,
        year=scheme.year,
        parts=tuple(parts),
        signed_on=signed_on,
        recipient=recipient_of(organisation),
    )


def feedback_docx(result, township, county, signed_on: date) -> bytes:
    return render_docx(feedback_document(result, township, county, signed_on))
