"""No workbook Fazhi writes holds a formula: text starting with =, +, -, @, tab or CR is a text
cell with the quote prefix, shown as typed (fazhi.spreadsheet). The helper itself, then every
exporter with such text in every text field it writes."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.db import models
from django.urls import reverse
from openpyxl import Workbook, load_workbook

import fazhi
from fazhi import spreadsheet
from fazhi.checker.report import check_text
from fazhi.checker.workbook import write_workbook
from fazhi.ledgers import excel
from fazhi.ledgers.registry import all_kinds, get_kind
from fazhi.ledgers.services import record_create
from fazhi.orgs.roles import Level
from fazhi.reports.document import Block, FigureRef, Part
from fazhi.reports.workpaper import render_workpaper
from tests.checker.conftest import CLEAN_REPORT
from tests.ledgers.helpers import sample_rows
from tests.reports.sample_documents import ORG_CODE, tiny_document

HYPERLINK = '=HYPERLINK("http://x","click")'
DANGEROUS = [HYPERLINK, "+86 1380000", "-1+1", "@SUM(1,2)", "\t=1+1", "\r=1+1", "=1+1"]
KINDS = all_kinds()


def cells_of(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(data: bytes, expected_texts=()) -> list:
    """No cell is a formula, in openpyxl's reading and in the file's XML; every formula-like text
    is a quote-prefixed text cell; each expected text is there exactly as written."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name
    cells = cells_of(data)
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if spreadsheet.is_formula_like(cell.value):
            assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
    values = {cell.value for cell in cells}
    for text in expected_texts:
        assert text in values, text
    return cells


# --- the helper


@pytest.mark.parametrize("write_only", [False, True], ids=["ordinary", "write-only"])
def test_formula_like_text_is_written_as_text_and_numbers_stay_numbers(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("表") if write_only else workbook.active
    spreadsheet.append(sheet, [*DANGEROUS, "#N/A", -5, 2.5, "普通文字"])
    if not write_only:
        spreadsheet.write(sheet, 2, 1, HYPERLINK)
    out = io.BytesIO()
    workbook.save(out)
    cells = assert_no_formula(out.getvalue(), [*DANGEROUS, "#N/A"])
    by_value = {cell.value: cell for cell in cells if cell.value is not None}
    assert by_value[-5].data_type == "n" and not by_value[-5].quotePrefix
    assert by_value[2.5].data_type == "n"
    assert by_value["普通文字"].data_type == "s" and not by_value["普通文字"].quotePrefix
    assert by_value["#N/A"].data_type == "s"  # not an error value


def test_the_quote_prefix_is_in_the_style_excel_reads():
    workbook = Workbook()
    spreadsheet.write(workbook.active, 1, 1, HYPERLINK)
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    cell = re.search(r'<c r="A1" s="(\d+)" t="inlineStr"><is><t>([^<]*)</t>', sheet)
    assert cell and cell.group(2) == HYPERLINK
    xfs = re.findall(r"<xf [^>]*>", styles[styles.index("<cellXfs") :])
    assert 'quotePrefix="1"' in xfs[int(cell.group(1))]


def test_control_characters_a_workbook_cannot_hold_are_dropped_not_fatal():
    workbook = Workbook()
    spreadsheet.append(workbook.active, ["会议\x0b纪要", "=\x01x"])
    out = io.BytesIO()
    workbook.save(out)
    assert_no_formula(out.getvalue(), ["会议纪要", "=x"])


def test_every_module_that_writes_a_workbook_uses_the_helper():
    root = Path(fazhi.__file__).parent
    writers = [
        path
        for path in root.rglob("*.py")
        if "openpyxl" in (text := path.read_text(encoding="utf-8"))
        and re.search(r"\bWorkbook\(", text)
    ]
    assert len(writers) >= 4
    for path in writers:
        text = path.read_text(encoding="utf-8")
        assert "from fazhi import spreadsheet" in text, path
        assert not re.search(r"\.cell\([^)]*value=", text), path  # sheet.cell(value=...)
        assert not re.search(r"\b(sheet|entries|ws)\.append\(", text), path


# --- every exporter


def _text_fields(kind) -> list[str]:
    return [
        name
        for name in kind.fields
        if isinstance(kind.model._meta.get_field(name), models.CharField | models.TextField)
        and not kind.model._meta.get_field(name).choices
    ]


def _dangerous_records(world, kind, count=3) -> list[str]:
    """`count` records whose every free-text field starts with a dangerous character (written
    past validation: an export must be safe whatever is stored). Returns the texts written."""
    organisation = world.orgs["A1V1" if kind.org_level == Level.VILLAGE else "A1"]
    written = []
    for number, values in enumerate(sample_rows(kind, organisation, count)):
        record = record_create(actor=None, kind=kind, organisation=organisation, data=values)
        texts = {}
        for offset, name in enumerate(_text_fields(kind)):
            text = f"{DANGEROUS[(number + offset) % len(DANGEROUS)]}{number}"
            texts[name] = text[: kind.model._meta.get_field(name).max_length]
        kind.model.objects.filter(pk=record.pk).update(**texts)
        written += texts.values()
    return written


@pytest.mark.parametrize("kind", KINDS, ids=[k.slug for k in KINDS])
def test_ledger_export_and_template_of_every_kind(world, kind):
    written = _dangerous_records(world, kind)
    assert written, f"{kind.slug} has no free-text field"
    assert_no_formula(excel.export_bytes(kind, kind.model.objects.all()), written)
    assert_no_formula(excel.template_bytes(kind))


@pytest.mark.parametrize("slug", ["publicity-activities", "major-decisions"])
def test_the_exports_named_in_the_issue_through_the_page(client, world, slug):
    kind = get_kind(slug)
    organisation = world.orgs["A1"]
    values = sample_rows(kind, organisation, 1)[0]
    record_create(actor=None, kind=kind, organisation=organisation, data=values)
    kind.model.objects.update(title=HYPERLINK)
    client.force_login(world.users["clerk"])
    response = client.get(reverse("ledgers:export", args=[slug]))
    assert response.status_code == 200
    assert_no_formula(response.content, [HYPERLINK])


def test_county_comparison_workbook(client, world):
    township = world.orgs["A1"]
    township.name = HYPERLINK
    township.save()
    client.force_login(world.users["inspector"])
    response = client.get(reverse("dashboards:county_export"))
    assert response.status_code == 200
    assert_no_formula(response.content, [HYPERLINK])


def test_report_working_paper():
    figure = FigureRef("governance.leading_group_meetings", 2024, ORG_CODE, 4, "-4次")
    parts = list(tiny_document().parts)
    parts[0] = Part(parts[0].key, HYPERLINK, (Block(("召开会议", figure, "。")),))
    data = render_workpaper(tiny_document(parts=tuple(parts)), record_ids=lambda *_: [1, 2])
    assert_no_formula(data, [HYPERLINK, "-4次"])


def test_checker_county_workbook(tmp_path):
    result = check_text(CLEAN_REPORT, source="@报告.txt")
    result["org"], result["title"] = "+青山镇", "=HYPERLINK(标题)"
    for fact in result["facts"]:
        fact["text"] = "=" + fact["text"]
    unreadable = {"source": "-坏文件.docx", "error": "=无法读取"}
    passage = {
        "a": {"source": "\t甲.txt", "line": 3, "text": "=雷同段落"},
        "b": {"source": "\r乙.txt", "line": 4, "text": "=雷同段落"},
        "chars": 40,
        "similarity": 0.95,
    }
    path = tmp_path / "county.xlsx"
    write_workbook(path, [result, unreadable], [passage])
    texts = ["@报告.txt", "+青山镇", "=HYPERLINK(标题)", "-坏文件.docx", "=无法读取"]
    assert_no_formula(path.read_bytes(), [*texts, "\t甲.txt", "\r乙.txt", "=雷同段落"])
