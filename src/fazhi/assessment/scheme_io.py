"""A scheme (考核细则) as a file: YAML and Excel, both read into the same plain document
(`SchemeDocument`) that schemes.py validates and applies, and both written from a saved scheme
so that export → import → export gives the same file.

Parsing only reads shapes (numbers, yes/no, known columns); what the values mean (indicator
codes, facts, parameters, sums) is checked by schemes.validate, every message naming its row.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from fazhi import spreadsheet
from fazhi.assessment.models import RuleKind, Scheme
from fazhi.assessment.rules import PARAMS
from fazhi.core.imports import FORMULA, cell_content

FORMAT = "fazhi-scheme/1"
YAML, XLSX = "yaml", "xlsx"
TEXT_PARAMS = frozenset({"mode", "scope"})
YES, NO = "是", "否"


class FileUnreadable(ValueError):
    """The file is not a scheme file at all; the message says why, in Chinese."""


@dataclass
class ItemRow:
    where: str  # "第 3 类第 2 项" (YAML) or "“项目”表第 7 行" (Excel)
    code: str = ""
    title: str = ""
    points: object = None
    kind: str = ""
    params: dict = field(default_factory=dict)
    indicator_code: str = ""
    fact: str = ""
    falsification_penalty: object = 0
    evidence_hint: str = ""
    source: str = ""


@dataclass
class CategoryRow:
    where: str
    name: str = ""
    points: object = None
    floor_at_zero: bool = False
    items: list[ItemRow] = field(default_factory=list)


@dataclass
class SchemeDocument:
    year: object = None
    title: str = ""
    total_points: object = None
    grade_bands: list = field(default_factory=list)  # [{"grade": ..., "min": ...}]
    categories: list[CategoryRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # shape errors found while reading


# --- numbers -------------------------------------------------------------------------------


def number_text(value) -> str:
    """A number as the shortest exact text ("1.5", "3")."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def plain_number(value):
    """A Decimal as the int or float JSON and YAML hold (exact for 2-place amounts)."""
    value = Decimal(str(value)).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def to_decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


# --- YAML ----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    Decimal,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:int"
        if value == value.to_integral_value()
        else "tag:yaml.org,2002:float",
        number_text(value),
    ),
)


class _Loader(yaml.SafeLoader):
    """Floats as Decimal: 0.3 stays 0.3."""


_Loader.add_constructor(
    "tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node))
)


def _item_dict(item) -> dict:
    return {
        "code": item.code,
        "title": item.title,
        "points": item.points,
        "kind": item.kind,
        "params": {name: item.params[name] for name in sorted(item.params)},
        "indicator": item.indicator_code,
        "fact": item.fact,
        "falsification_penalty": item.falsification_penalty,
        "evidence": item.evidence_hint,
        "source": item.source,
    }


def export_yaml(scheme: Scheme) -> bytes:
    categories = []
    items = list(scheme.items.order_by("category__position", "position", "pk"))
    for category in scheme.categories.order_by("position", "pk"):
        categories.append(
            {
                "name": category.name,
                "points": category.points,
                "floor_at_zero": category.floor_at_zero,
                "items": [_item_dict(i) for i in items if i.category_id == category.pk],
            }
        )
    document = {
        "format": FORMAT,
        "county": f"{scheme.county.code} {scheme.county.name}",
        "year": scheme.year,
        "title": scheme.title,
        "total_points": scheme.total_points,
        "grade_bands": [
            {"grade": band["grade"], "min": Decimal(str(band["min"]))}
            for band in scheme.grade_bands
        ],
        "categories": categories,
    }
    header = "# 考核细则（Fazhi 导出）。可修改后在“导入考核细则”页面导入；county 一行仅供参考。\n"
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return (header + body).encode("utf-8")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _bool(value, where: str, errors: list) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value)
    if text in ("", NO, "false", "False", "0"):
        return False
    if text in (YES, "true", "True", "1"):
        return True
    errors.append(f"{where}：“扣完为止”应填“是”或“否”，而不是“{text}”。")
    return False


def _params_from_mapping(raw, where: str, errors: list) -> dict:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        errors.append(f"{where}：计分参数应为“名称: 数值”的映射。")
        return {}
    return {str(name): value for name, value in raw.items()}


def parse_yaml(data: bytes) -> SchemeDocument:
    try:
        raw = yaml.load(data.decode("utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise FileUnreadable("无法读取该文件：不是有效的 YAML（UTF-8 编码）文件。") from error
    if not isinstance(raw, dict) or "categories" not in raw:
        raise FileUnreadable(
            "无法读取该文件：缺少 categories（类别）部分，请使用本系统导出的文件。"
        )
    document = SchemeDocument(
        year=raw.get("year"),
        title=_text(raw.get("title")),
        total_points=raw.get("total_points"),
    )
    bands = raw.get("grade_bands") or []
    if not isinstance(bands, list):
        document.errors.append("等次分数线（grade_bands）应为列表。")
        bands = []
    for position, band in enumerate(bands, 1):
        if not isinstance(band, dict):
            document.errors.append(f"第 {position} 个等次应写明 grade 和 min。")
            continue
        document.grade_bands.append({"grade": _text(band.get("grade")), "min": band.get("min")})
    categories = raw.get("categories")
    if not isinstance(categories, list):
        document.errors.append("类别（categories）应为列表。")
        categories = []
    for c_pos, raw_category in enumerate(categories, 1):
        where = f"第 {c_pos} 类"
        if not isinstance(raw_category, dict):
            document.errors.append(f"{where}应写明 name、points 和 items。")
            continue
        category = CategoryRow(
            where=where,
            name=_text(raw_category.get("name")),
            points=raw_category.get("points"),
            floor_at_zero=_bool(raw_category.get("floor_at_zero"), where, document.errors),
        )
        raw_items = raw_category.get("items") or []
        if not isinstance(raw_items, list):
            document.errors.append(f"{where}的项目（items）应为列表。")
            raw_items = []
        for i_pos, raw_item in enumerate(raw_items, 1):
            item_where = f"第 {c_pos} 类第 {i_pos} 项"
            if not isinstance(raw_item, dict):
                document.errors.append(f"{item_where}应为映射（code、title、points 等）。")
                continue
            category.items.append(
                ItemRow(
                    where=item_where,
                    code=_text(raw_item.get("code")),
                    title=_text(raw_item.get("title")),
                    points=raw_item.get("points"),
                    kind=_text(raw_item.get("kind")),
                    params=_params_from_mapping(
                        raw_item.get("params"), item_where, document.errors
                    ),
                    indicator_code=_text(raw_item.get("indicator")),
                    fact=_text(raw_item.get("fact")),
                    falsification_penalty=raw_item.get("falsification_penalty") or 0,
                    evidence_hint=_text(raw_item.get("evidence")),
                    source=_text(raw_item.get("source")),
                )
            )
        document.categories.append(category)
    return document


# --- Excel ---------------------------------------------------------------------------------

FIRST_DATA_ROW = 3
MAX_ROWS = 2_000
SCHEME_SHEET, BANDS_SHEET, CATEGORIES_SHEET, ITEMS_SHEET = "细则", "等次", "类别", "项目"
SCHEME_FIELDS = [("格式", "format"), ("年度", "year"), ("名称", "title"), ("总分", "total")]
BAND_COLUMNS = [("等次", "从高到低"), ("最低分", "达到该分数即为该等次")]
CATEGORY_COLUMNS = [
    ("类别", "必填，不能重复"),
    ("分值", "本类各项分值之和"),
    ("扣完为止", "是 / 否"),
]
ITEM_COLUMNS = [
    ("类别", "须为“类别”表中的名称"),
    ("编号", "必填，不能重复"),
    ("考核内容", "必填"),
    ("分值", "必填"),
    ("计分方式", "见“说明”表"),
    ("计分参数", "如：目标数=3；每缺一次扣分=0.5；最多扣分=1.5"),
    ("指标代码", "指标目录中的代码"),
    ("事实", "如 report.submission"),
    ("核查不实加扣", "核查不实时另扣的分数"),
    ("佐证材料", ""),
    ("出处", ""),
]
KIND_BY_LABEL = {label: value for value, label in RuleKind.choices}
PARAM_SEPARATOR, PAIR_SEPARATOR = "；", "="


def params_text(kind: str, params: dict) -> str:
    """Parameters in words for a cell: "目标数=3；每缺一次扣分=0.5" (in PARAMS order)."""
    parts = []
    for spec in PARAMS.get(kind, ()):
        if spec.name in params:
            value = params[spec.name]
            shown = value if spec.name in TEXT_PARAMS else number_text(value)
            parts.append(f"{spec.label}{PAIR_SEPARATOR}{shown}")
    known = {spec.name for spec in PARAMS.get(kind, ())}
    parts += [f"{name}{PAIR_SEPARATOR}{params[name]}" for name in sorted(set(params) - known)]
    return PARAM_SEPARATOR.join(parts)


def parse_params_text(kind: str, text: str, where: str, errors: list) -> dict:
    names = {}
    for spec in PARAMS.get(kind, ()):
        names[spec.label] = spec.name
        names[spec.name] = spec.name
    params = {}
    for part in text.replace(";", PARAM_SEPARATOR).split(PARAM_SEPARATOR):
        part = part.strip()
        if not part:
            continue
        label, sep, value = part.partition(PAIR_SEPARATOR)
        if not sep:
            errors.append(f"{where}：计分参数“{part}”应写成“名称=数值”。")
            continue
        name = names.get(label.strip(), label.strip())
        value = value.strip()
        params[name] = value if name in TEXT_PARAMS else (to_decimal(value) or value)
    return params


def _header_row(sheet, columns) -> None:
    fill = PatternFill("solid", fgColor="F2DCDB")
    for index, (header, note) in enumerate(columns, start=1):
        head = spreadsheet.write(sheet, 1, index, header)
        head.font, head.fill = Font(bold=True), fill
        spreadsheet.write(sheet, 2, index, note).font = Font(italic=True, color="808080")
        sheet.column_dimensions[get_column_letter(index)].width = 16
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"


def _cell_number(value):
    return plain_number(value) if value is not None else None


def export_xlsx(scheme: Scheme) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SCHEME_SHEET
    values = [FORMAT, scheme.year, scheme.title, _cell_number(scheme.total_points)]
    for row, ((label, _), value) in enumerate(zip(SCHEME_FIELDS, values, strict=True), start=1):
        spreadsheet.write(sheet, row, 1, label).font = Font(bold=True)
        spreadsheet.write(sheet, row, 2, value)
    spreadsheet.write(sheet, len(SCHEME_FIELDS) + 1, 1, "县（区）")
    spreadsheet.write(
        sheet, len(SCHEME_FIELDS) + 1, 2, f"{scheme.county.code} {scheme.county.name}"
    )
    sheet.column_dimensions["B"].width = 48
    bands = workbook.create_sheet(BANDS_SHEET)
    _header_row(bands, BAND_COLUMNS)
    for row, band in enumerate(scheme.grade_bands, start=FIRST_DATA_ROW):
        spreadsheet.write(bands, row, 1, band["grade"])
        spreadsheet.write(bands, row, 2, _cell_number(band["min"]))
    categories = workbook.create_sheet(CATEGORIES_SHEET)
    _header_row(categories, CATEGORY_COLUMNS)
    ordered = list(scheme.categories.order_by("position", "pk"))
    for row, category in enumerate(ordered, start=FIRST_DATA_ROW):
        for column, value in enumerate(
            (category.name, _cell_number(category.points), YES if category.floor_at_zero else NO),
            start=1,
        ):
            spreadsheet.write(categories, row, column, value)
    items = workbook.create_sheet(ITEMS_SHEET)
    _header_row(items, ITEM_COLUMNS)
    ordered_items = scheme.items.select_related("category").order_by(
        "category__position", "position", "pk"
    )
    for row, item in enumerate(ordered_items, start=FIRST_DATA_ROW):
        values = (
            item.category.name,
            item.code,
            item.title,
            _cell_number(item.points),
            RuleKind(item.kind).label,
            params_text(item.kind, item.params),
            item.indicator_code,
            item.fact,
            _cell_number(item.falsification_penalty),
            item.evidence_hint,
            item.source,
        )
        for column, value in enumerate(values, start=1):
            spreadsheet.write(items, row, column, value)
    items.column_dimensions["C"].width = 48
    notes = workbook.create_sheet("说明")
    spreadsheet.append(notes, ["计分方式", "参数（计分参数列中写“名称=数值”，用；分隔）"])
    for value, label in RuleKind.choices:
        specs = "；".join(
            spec.label + ("" if spec.required and spec.default is None else "（可选）")
            for spec in PARAMS[value]
        )
        spreadsheet.append(notes, [label, specs or "无"])
    notes.column_dimensions["A"].width = 36
    notes.column_dimensions["B"].width = 80
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rows(workbook, name: str, columns, document: SchemeDocument):
    """(row number, {header: value}) of a data sheet; formula cells are refused."""
    if name not in workbook.sheetnames:
        raise FileUnreadable(f"无法读取该文件：缺少“{name}”工作表，请使用本系统导出的表格。")
    rows = workbook[name].iter_rows()
    headers = [_text(cell.value) for cell in next(rows, ())]
    missing = [header for header, _ in columns if header not in headers]
    if missing:
        raise FileUnreadable(f"“{name}”表缺少列：{'、'.join(missing)}，请使用本系统导出的表格。")
    positions = {header: headers.index(header) for header, _ in columns}
    next(rows, None)  # the notes row
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        if number - FIRST_DATA_ROW >= MAX_ROWS:
            raise FileUnreadable(f"“{name}”表超过 {MAX_ROWS} 行。")
        cells = {}
        for header, position in positions.items():
            cells[header] = cell_content(row[position]) if position < len(row) else None
        if all(v is not FORMULA and _text(v) == "" for v in cells.values()):
            continue
        formulas = [header for header, value in cells.items() if value is FORMULA]
        if formulas:
            document.errors.append(
                f"“{name}”表第 {number} 行：{'、'.join(formulas)}是公式，请改为直接填写内容。"
            )
            continue
        yield number, cells


def parse_xlsx(data: bytes) -> SchemeDocument:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a non-xlsx file
        raise FileUnreadable("无法读取该文件：请上传由本系统导出的 .xlsx 文件。") from exc
    try:
        return _parse_workbook(workbook)
    finally:
        workbook.close()


def _parse_workbook(workbook) -> SchemeDocument:
    document = SchemeDocument()
    if SCHEME_SHEET not in workbook.sheetnames:
        raise FileUnreadable(
            f"无法读取该文件：缺少“{SCHEME_SHEET}”工作表，请使用本系统导出的表格。"
        )
    header = {}
    for row in workbook[SCHEME_SHEET].iter_rows(max_row=20, max_col=2):
        if len(row) >= 2:
            header[_text(row[0].value)] = row[1].value
    document.year = header.get("年度")
    document.title = _text(header.get("名称"))
    document.total_points = header.get("总分")
    for _number, cells in _rows(workbook, BANDS_SHEET, BAND_COLUMNS, document):
        document.grade_bands.append({"grade": _text(cells["等次"]), "min": cells["最低分"]})
    by_name = {}
    for number, cells in _rows(workbook, CATEGORIES_SHEET, CATEGORY_COLUMNS, document):
        where = f"“类别”表第 {number} 行"
        category = CategoryRow(
            where=where,
            name=_text(cells["类别"]),
            points=cells["分值"],
            floor_at_zero=_bool(cells["扣完为止"], where, document.errors),
        )
        document.categories.append(category)
        by_name.setdefault(category.name, category)
    for number, cells in _rows(workbook, ITEMS_SHEET, ITEM_COLUMNS, document):
        where = f"“项目”表第 {number} 行"
        kind_text = _text(cells["计分方式"])
        kind = KIND_BY_LABEL.get(kind_text, kind_text)
        item = ItemRow(
            where=where,
            code=_text(cells["编号"]),
            title=_text(cells["考核内容"]),
            points=cells["分值"],
            kind=kind,
            params=parse_params_text(kind, _text(cells["计分参数"]), where, document.errors),
            indicator_code=_text(cells["指标代码"]),
            fact=_text(cells["事实"]),
            falsification_penalty=cells["核查不实加扣"] or 0,
            evidence_hint=_text(cells["佐证材料"]),
            source=_text(cells["出处"]),
        )
        category = by_name.get(_text(cells["类别"]))
        if category is None:
            document.errors.append(
                f"{where}（{item.code or '无编号'}）：类别“{_text(cells['类别'])}”不在“类别”表中。"
            )
            continue
        category.items.append(item)
    return document


def parse(data: bytes, fmt: str) -> SchemeDocument:
    """The document in `data` (YAML or Excel); FileUnreadable when it is neither."""
    if fmt == XLSX:
        return parse_xlsx(data)
    return parse_yaml(data)


def guess_format(filename: str) -> str | None:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return XLSX
    if name.endswith((".yaml", ".yml")):
        return YAML
    return None
