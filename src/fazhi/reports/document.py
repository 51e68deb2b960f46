"""The annual report as a document, independent of how it is stored or rendered.

The drafting and workflow code (models, services) builds a ReportDocument for a report version;
the renderers (.docx, HTML preview, PDF, 数据底稿 workbook) only read it. Figures stay references
(code, year, organisation) with the value they show, so every renderer can link or list their
records.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

DIGITS = "一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 to 99 as written in numbering: 一, 十, 十一, 二十, 二十三."""
    if not 1 <= number <= 99:
        raise ValueError(f"{number} is outside the numbering range 1–99")
    tens, units = divmod(number, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else f"{DIGITS[tens - 1]}十")
    return text + (DIGITS[units - 1] if units else "")


def part_number(position: int) -> str:
    """一、二、… for the parts (1-based)."""
    return f"{chinese_number(position)}、"


def item_number(position: int) -> str:
    """（一）（二）… for the sub-items of a part (1-based)."""
    return f"（{chinese_number(position)}）"


@dataclass(frozen=True)
class FigureRef:
    """A figure from an indicator, as written in the text ("12000份", "95.5%")."""

    code: str
    year: int
    organisation_code: str
    value: int | Decimal | None
    text: str


@dataclass(frozen=True)
class Block:
    """A paragraph. level 0 is body text; 2 is a （一） sub-item heading (楷体), 3 a "1." heading
    (仿宋 bold). `segments` are plain text and figures in reading order."""

    segments: tuple[str | FigureRef, ...]
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(s if isinstance(s, str) else s.text for s in self.segments)

    @property
    def figures(self) -> list[FigureRef]:
        return [s for s in self.segments if isinstance(s, FigureRef)]


@dataclass(frozen=True)
class Part:
    """One of the five required parts. `key` is its stable name (achievements, shortcomings,
    first_responsible, plans, other); `heading` the full heading with its number, "一、…"."""

    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ReportDocument:
    title: str  # "青山镇2024年度法治政府建设情况报告"
    organisation_name: str
    organisation_code: str
    year: int
    parts: tuple[Part, ...]
    signed_on: date
    recipient: str = ""  # 主送机关, e.g. "县委全面依法治县委员会办公室："; empty: none
    version: int = 1
    state_label: str = ""  # 草稿 / 已审定 / 已报送 / 已公开, shown on previews, not in the .docx
    figures_frozen: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def figures(self) -> list[FigureRef]:
        return [f for part in self.parts for block in part.blocks for f in block.figures]

    @property
    def signature(self) -> str:
        """The 发文机关署名 above the date: the government, not the place."""
        return official_name(self.organisation_name)

    def plain_text(self) -> str:
        """The report as plain text: title, recipient, parts, signature and date."""
        lines = [self.title]
        if self.recipient:
            lines.append(self.recipient)
        for part in self.parts:
            lines.append(part.heading)
            lines.extend(block.text for block in part.blocks)
        lines.append(self.signature)
        lines.append(chinese_date(self.signed_on))
        return "\n".join(lines) + "\n"


# A township or county signs as its people's government, a 街道 as its office (办事处).
ORGANS = (
    ("街道", "办事处"),
    ("镇", "人民政府"),
    ("乡", "人民政府"),
    ("苏木", "人民政府"),
    ("县", "人民政府"),
    ("旗", "人民政府"),
)


def official_name(name: str) -> str:
    """How a unit signs a document: 青山镇 -> 青山镇人民政府, 新城街道 -> 新城街道办事处; a name
    that already names an organ (甲镇人民政府, …办公室) stays as it is."""
    for ending, organ in ORGANS:
        if name.endswith(ending):
            return name + organ
    return name


def chinese_date(day: date) -> str:
    """2025年2月20日 (GB/T 9704-2012 writes the 成文日期 in Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
