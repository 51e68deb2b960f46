"""The county table as an Excel workbook: the same rows, values, ranks and changes as the page,
and the county's row under them."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from fazhi import spreadsheet
from fazhi.dashboards.county import CountyDashboard


def county_workbook(dashboard: CountyDashboard) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{dashboard.year}年各乡镇对比"
    spreadsheet.append(
        sheet, [f"{dashboard.county.name} {dashboard.year}年各乡镇（街道）法治建设指标对比"]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    header = ["乡镇（街道）", "单位代码"]
    for indicator in dashboard.columns:
        name = f"{indicator.name}（{indicator.unit}）"
        header += [name, f"{name}排名", f"{name}上年", f"{name}同比变化"]
    header.append("逾期期限（项）")
    spreadsheet.append(sheet, header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in dashboard.rows:
        values = [row.township.name, row.township.code]
        for cell in row.cells:
            values += [cell.value, cell.rank, cell.previous, cell.change]
        values.append(row.overdue)
        spreadsheet.append(sheet, values)
    if dashboard.rows:
        # The county's own figures (its whole subtree), as the page's 全县 row; no rank.
        values = ["全县", dashboard.county.code]
        for cell in dashboard.totals:
            values += [cell.value, None, cell.previous, cell.change]
        values.append(dashboard.overdue_total)
        spreadsheet.append(sheet, values)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 14
    sheet.freeze_panes = "C3"
    return workbook
