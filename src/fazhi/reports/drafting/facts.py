"""What the draft knows of a township's year: its figures (one evaluation of the catalogue) and
the records behind them, asked of fazhi.indicators and the ledger apps' selectors only."""

from datetime import date

from django.urls import reverse

from fazhi.indicators import engine
from fazhi.indicators.formatting import format_value
from fazhi.indicators.registry import catalogue_codes, indicator
from fazhi.reports.references import FigureValues


class YearFacts:
    def __init__(self, organisation, year: int, today: date):
        self.organisation = organisation
        self.year = year
        self.today = today
        self.values = FigureValues.live(catalogue_codes(), organisation, year, today=today)

    def value(self, code: str, year: int | None = None):
        return self.values.get(code, year or self.year)

    def positive(self, code: str, year: int | None = None) -> bool:
        value = self.value(code, year)
        return value is not None and value > 0

    def rows(self, code: str):
        """The records a (non-ratio) figure was computed from."""
        return engine.records(code, self.organisation, self.year, today=self.today)

    def records_url(self, code: str) -> str:
        url = reverse(
            "indicators:records", kwargs={"code": self.organisation.code, "indicator": code}
        )
        return f"{url}?year={self.year}"

    def figure_evidence(self, code: str) -> dict:
        now, before = self.value(code), self.value(code, self.year - 1)
        return {
            "kind": "figure",
            "code": code,
            "year": self.year,
            "label": (
                f"{indicator(code).name}：{self.year}年{format_value(code, now)}，"
                f"{self.year - 1}年{format_value(code, before)}"
            ),
            "url": self.records_url(code),
        }
