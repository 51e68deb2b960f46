"""Figures in a report's text are references, never typed numbers.

`{publicity.materials}` is the report year's figure, `{publicity.materials@prev}` last year's,
and `{publicity.materials@change}` the change between them ("增加3次" / "减少2次" / "持平").
While a version is a draft they show live values from fazhi.indicators.engine; at approval the
values are frozen into the version (see `freeze` / `FigureValues.from_frozen`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from fazhi.indicators.formatting import MISSING, format_number, format_value

# "{{" and "}}" stand for a literal brace (record text copied into a report may hold any); a
# single "{…}" is a reference.
TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\s]*)\}|[{}]")
LITERAL = {"{{": "{", "}}": "}"}
CODE = re.compile(r"^([a-z_]+\.[a-z_]+)(?:@(prev|change))?$")
MODIFIERS = ("", "prev", "change")


@dataclass(frozen=True)
class Reference:
    code: str
    modifier: str  # "" | "prev" | "change"
    start: int
    end: int

    def year(self, report_year: int) -> int:
        return report_year - 1 if self.modifier == "prev" else report_year


def _catalogue_codes() -> set[str]:
    from fazhi.indicators.registry import catalogue_codes

    return set(catalogue_codes())


def literal(text: str) -> str:
    """Text to put into a report as it is: its braces are never read as references."""
    return (text or "").replace("{", "{{").replace("}", "}}")


def tokens(text: str) -> list[str | Reference]:
    """The text as literal pieces and references, in order; unknown references and unpaired
    braces raise a Chinese ValidationError."""
    known = _catalogue_codes()
    pieces: list[str | Reference] = []
    errors = []
    position = 0
    text = text or ""
    for match in TOKEN.finditer(text):
        pieces.append(text[position : match.start()])
        position = match.end()
        token = match.group(0)
        if token in LITERAL:
            pieces.append(LITERAL[token])
        elif token in "{}":
            errors.append(
                "正文中有不成对的花括号“{”或“}”：数字引用须写成 {指标代码}，"
                "花括号本身请写成 {{ 或 }}"
            )
        else:
            inner = match.group(1)
            parsed = CODE.match(inner)
            if not parsed or parsed.group(1) not in known:
                errors.append(f"未知的数字引用“{{{inner}}}”：请从指标目录中选择指标代码")
                continue
            pieces.append(Reference(parsed.group(1), parsed.group(2) or "", *match.span()))
    pieces.append(text[position:])
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    return [piece for piece in pieces if piece != ""]


def parse(text: str) -> list[Reference]:
    """Every reference in the text, in order; unknown ones raise a Chinese ValidationError."""
    return [piece for piece in tokens(text) if isinstance(piece, Reference)]


def codes_in(texts: Iterable[str]) -> set[str]:
    codes = set()
    for text in texts:
        codes |= {reference.code for reference in parse(text)}
    return codes


class FigureValues:
    """Values by (code, year) for one organisation: live from the engine or frozen."""

    def __init__(self, values: dict[tuple[str, int], object], frozen: bool):
        self._values = values
        self.frozen = frozen

    def get(self, code: str, year: int):
        return self._values.get((code, year))

    def has(self, code: str, year: int) -> bool:
        return (code, year) in self._values

    @classmethod
    def live(cls, codes: Iterable[str], organisation, year: int, *, today=None) -> "FigureValues":
        """The figures of the organisation's subtree for the year and the year before."""
        from fazhi.indicators.engine import evaluate

        wanted = sorted(set(codes))
        values: dict[tuple[str, int], object] = {}
        if wanted:
            table = evaluate(wanted, [organisation], [year - 1, year], today=today)
            for code in wanted:
                for each in (year - 1, year):
                    values[(code, each)] = table.value(code, organisation, each)
        return cls(values, frozen=False)

    @classmethod
    def from_frozen(cls, frozen: dict) -> "FigureValues":
        values = {}
        for code, by_year in (frozen or {}).items():
            for year, value in by_year.items():
                values[(code, int(year))] = _load(value)
        return cls(values, frozen=True)

    def freeze(self) -> dict:
        """JSON form: {code: {year: "12000" | null}}."""
        frozen: dict[str, dict[str, object]] = {}
        for (code, year), value in sorted(self._values.items()):
            frozen.setdefault(code, {})[str(year)] = _dump(value)
        return frozen


def _dump(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return {"d": str(value)}
    return value


def _load(value):
    if isinstance(value, dict) and "d" in value:
        return Decimal(value["d"])
    return value


def change_text(code: str, current, previous) -> str:
    """ "增加3次" / "减少2个百分点" / "持平"; "—" when either year is missing."""
    from fazhi.indicators.formatting import change
    from fazhi.indicators.registry import indicator

    difference = change(current, previous)
    if difference is None:
        return MISSING
    if difference == 0:
        return "持平"
    unit = indicator(code).unit
    unit = "个百分点" if unit == "%" else unit
    verb = "增加" if difference > 0 else "减少"
    return f"{verb}{format_number(abs(difference))}{unit}"


def value_text(code: str, value) -> str:
    return format_value(code, value)
