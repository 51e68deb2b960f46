"""A catalogue figure as the dashboards show it: this year's value beside last year's, the
change, a link to the records behind each, a rank on the county table."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.indicators import engine, formatting
from fazhi.orgs.models import Organisation

# Ledger domains in the order of the catalogue, by the first part of an indicator's code.
DOMAINS = {
    "governance": "组织领导",
    "study": "学法",
    "publicity": "普法",
    "normative": "规范性文件",
    "decisions": "重大行政决策",
    "enforcement": "行政执法",
    "disputes": "矛盾纠纷",
    "legal_services": "公共法律服务",
    "openness": "公开与监督",
    "deadlines": "期限",
}


def domain_of(code: str) -> str:
    prefix = code.split(".", 1)[0]
    return DOMAINS.get(prefix, prefix)


_SLOT = "__indicator__"
_PLAIN = re.compile(r"[A-Za-z0-9_.-]+")  # left as they are by reverse()'s quoting


@lru_cache(maxsize=4096)
def _records_path(script_prefix: str, urlconf, organisation_code: str) -> str:
    # The prefix and URLconf only key the cache: reverse() reads the current ones itself.
    return reverse("indicators:records", kwargs={"code": organisation_code, "indicator": _SLOT})


def records_url(organisation: Organisation, code: str, year: int) -> str:
    """The drill-down page of one figure. A county page links two per cell (1,400 for its key
    figures): reverse() once per organisation, then the indicator's code put in its place."""
    if _PLAIN.fullmatch(code):
        path = _records_path(get_script_prefix(), get_urlconf(), organisation.code)
        url = path.replace(_SLOT, code)
    else:
        url = reverse("indicators:records", kwargs={"code": organisation.code, "indicator": code})
    return f"{url}?year={year}"


@dataclass(frozen=True)
class Cell:
    """One indicator of one organisation: this year's value beside last year's."""

    indicator: Indicator
    organisation: Organisation
    year: int
    value: int | Decimal | None = None
    previous: int | Decimal | None = None
    rank: int | None = None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def text(self) -> str:
        return formatting.format_value(self.code, self.value)

    @property
    def previous_text(self) -> str:
        return formatting.format_value(self.code, self.previous)

    @property
    def change(self):
        return formatting.change(self.value, self.previous)

    @property
    def change_text(self) -> str:
        return formatting.format_change(self.code, self.value, self.previous)

    @property
    def change_direction(self) -> str:
        difference = self.change
        if not difference:
            return "same"
        return "up" if difference > 0 else "down"

    @property
    def raw(self) -> str:
        return formatting.raw_value(self.value)

    @property
    def previous_raw(self) -> str:
        return formatting.raw_value(self.previous)

    @property
    def url(self) -> str:
        return records_url(self.organisation, self.code, self.year)

    @property
    def previous_url(self) -> str:
        return records_url(self.organisation, self.code, self.year - 1)


def cells_for(codes, organisations, year: int, *, today: date) -> dict[tuple[str, int], Cell]:
    """Cells for every code and organisation: one engine.evaluate over both years."""
    catalogue = load_catalogue()
    table = engine.evaluate(codes, organisations, [year - 1, year], today=today)
    return {
        (code, organisation.pk): Cell(
            catalogue[code],
            organisation,
            year,
            table.value(code, organisation, year),
            table.value(code, organisation, year - 1),
        )
        for code in codes
        for organisation in organisations
    }
