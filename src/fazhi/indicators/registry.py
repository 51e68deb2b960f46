"""One computation per catalogue code (DESIGN.md §3.3): what rows a figure counts or sums.

A computation is declared in the owning app's indicators.py and registered against its code;
names, units and synonyms stay in the catalogue (fazhi/catalogue/indicators.yaml), which the
report checker reads without Django. `tests/indicators/test_registry.py` fails when a catalogue
code has no computation or a computation has no catalogue entry.
"""

import hashlib
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from django.db.models import Q

from fazhi.catalogue import Indicator, load_catalogue


@dataclass(frozen=True)
class Period:
    """What a year-relative condition may depend on: the year asked for and today's date."""

    year: int
    today: date

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)


@dataclass(frozen=True)
class Computation:
    """Rows of `model` owned by the organisation's subtree that count towards a figure.

    where: the rows that count, as a Q, or a function of the Period for figures whose rows are
      not simply the year's (officers holding a valid certificate during the year, deadlines
      missed by today).
    year_field: the field or date lookup giving a row's year ("year", or "reviewed_on" for a
      date); None when `where` alone picks the year's rows (then `where` is a function).
    sum_field: the summed field (kind "sum"); None counts rows (kind "count").
    scale: multiplies a sum into the catalogue unit (元 → 万元 is Decimal("0.0001")).
    per_organisation: count organisations having at least one such row, not rows (villages
      with an advisor).
    record_link: for rows that are steps of a ledger record (a case-file review of a case), the
      foreign key to that record, so the drill-down links to the record's page.
    changes_daily: the figure depends on today's date (overdue by today), so it changes without
      any write and is never served from stored figures.
    """

    code: str
    model: type
    where: Q | Callable[[Period], Q] = field(default_factory=Q)
    year_field: str | None = "year"
    sum_field: str | None = None
    scale: Decimal | None = None
    per_organisation: bool = False
    record_link: str | None = None
    changes_daily: bool = False

    is_ratio = False

    def condition(self, period: Period) -> Q:
        return self.where(period) if callable(self.where) else self.where

    @property
    def year_is_date(self) -> bool:
        return self.year_field not in (None, "year")


@dataclass(frozen=True)
class Ratio:
    """A ratio's figure: its catalogue numerator summed over the subtree, over its denominator
    summed the same way (never a mean of rates)."""

    code: str
    percent: bool = True  # × 100 (a rate in %); False for averages such as points per file

    is_ratio = True


_COMPUTATIONS: dict[str, Computation | Ratio] = {}


def register(computation: Computation | Ratio) -> Computation | Ratio:
    if computation.code in _COMPUTATIONS:
        raise ValueError(f"indicator {computation.code!r} has two computations")
    _COMPUTATIONS[computation.code] = computation
    return computation


def ratio(code: str, *, percent: bool = True) -> Ratio:
    return register(Ratio(code, percent=percent))


def computation_for(code: str) -> Computation | Ratio:
    return _COMPUTATIONS[code]


def registered_codes() -> set[str]:
    return set(_COMPUTATIONS)


def indicator(code: str) -> Indicator:
    return load_catalogue()[code]


def catalogue_codes() -> list[str]:
    return [item.code for item in load_catalogue().indicators]


@cache
def definitions_fingerprint() -> str:
    """A hash of the source of every module that defines how a figure is computed: each app's
    indicators.py, this registry and the aggregation. Stored figures computed under another
    fingerprint are stale (a release changed a definition under an unchanged code)."""
    names = sorted(
        name
        for name in sys.modules
        if name.startswith("fazhi.") and name.endswith(".indicators") and name != "fazhi.indicators"
    )
    names += ["fazhi.indicators.registry", "fazhi.indicators.aggregation"]
    digest = hashlib.sha256()
    for name in names:
        module = sys.modules.get(name) or __import__(name, fromlist=["_"])
        digest.update(name.encode())
        digest.update(inspect.getsource(module).encode())
    return digest.hexdigest()
