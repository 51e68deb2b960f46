"""ReportDocuments built by hand for the renderer tests (no database needed)."""

from datetime import date
from decimal import Decimal

from fazhi.reports.document import (
    Block,
    FigureRef,
    Part,
    ReportDocument,
    item_number,
    part_number,
)

ORG_CODE = "100001101"
HEADINGS = (
    ("achievements", "上一年度推进法治政府建设的主要举措和成效"),
    ("shortcomings", "上一年度推进法治政府建设存在的不足和原因"),
    (
        "first_responsible",
        "上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
    ),
    ("plans", "下一年度推进法治政府建设的主要安排"),
    ("other", "其他需要报告的情况"),
)
ITEMS = ("加强组织领导", "推进依法决策", "规范行政执法", "深化普法宣传", "化解矛盾纠纷")
SENTENCE = (
    "坚持以习近平法治思想为指导，认真贯彻落实上级关于法治政府建设的决策部署，"
    "把法治政府建设纳入全镇经济社会发展总体规划，与中心工作同部署、同推进、同考核，"
    "各项工作任务有序推进，依法行政水平不断提升。"
)


def figure(code: str, value, text: str, year: int = 2024) -> FigureRef:
    return FigureRef(code=code, year=year, organisation_code=ORG_CODE, value=value, text=text)


MEETINGS = figure("governance.leading_group_meetings", 4, "4次")
MATERIALS = figure("publicity.materials", 12000, "12000份")
RATIO = figure("disputes.mediation_success_rate", Decimal("95.5"), "95.5%")
LAST_YEAR = figure("governance.leading_group_meetings", 3, "3次", year=2023)


def _part(position: int, key: str, heading: str, items: int, paragraphs: int) -> Part:
    blocks = []
    for item in range(1, items + 1):
        blocks.append(Block((f"{item_number(item)}{ITEMS[(item - 1) % len(ITEMS)]}",), level=2))
        if item == 1:
            blocks.append(Block(("1.健全工作机制",), level=3))
        for _ in range(paragraphs):
            blocks.append(
                Block(
                    (
                        "全年召开法治建设领导小组会议",
                        MEETINGS,
                        "，比上年的",
                        LAST_YEAR,
                        "有所增加；发放宣传资料",
                        MATERIALS,
                        "。",
                        SENTENCE,
                    )
                )
            )
    return Part(key, f"{part_number(position)}{heading}", tuple(blocks))


def realistic_document(items: int = 3, paragraphs: int = 2, **overrides) -> ReportDocument:
    """Five parts of a few sub-items each, about the length of a real township report."""
    parts = [
        _part(position, key, heading, items, paragraphs)
        for position, (key, heading) in enumerate(HEADINGS, 1)
    ]
    # One ratio figure: the mediation success rate.
    first = parts[0]
    rate = Block(("人民调解成功率达到", RATIO, "。"))
    parts[0] = Part(first.key, first.heading, (*first.blocks, rate))
    values = {
        "title": "甲镇2024年度法治政府建设情况报告",
        "organisation_name": "甲镇人民政府",
        "organisation_code": ORG_CODE,
        "year": 2024,
        "parts": tuple(parts),
        "signed_on": date(2025, 2, 20),
        "recipient": "甲县委全面依法治县委员会办公室：",
    }
    values.update(overrides)
    return ReportDocument(**values)


def tiny_document(**overrides) -> ReportDocument:
    """The five headings with one short line each: fits one page."""
    parts = tuple(
        Part(key, f"{part_number(position)}{heading}", (Block(("无。",)),))
        for position, (key, heading) in enumerate(HEADINGS, 1)
    )
    values = {
        "title": "甲镇2024年度法治政府建设情况报告",
        "organisation_name": "甲镇人民政府",
        "organisation_code": ORG_CODE,
        "year": 2024,
        "parts": parts,
        "signed_on": date(2025, 1, 5),
    }
    values.update(overrides)
    return ReportDocument(**values)
