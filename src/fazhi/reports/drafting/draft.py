"""The drafted report of a township and year: five parts and the suggestions of parts 2 and 4."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from fazhi.reports.composing import Content, SuggestionText, compose, ordered, title_for
from fazhi.reports.document import ReportDocument
from fazhi.reports.drafting.achievements import achievements
from fazhi.reports.drafting.facts import YearFacts
from fazhi.reports.drafting.first_responsible import first_responsible
from fazhi.reports.drafting.suggestions import DraftSuggestion, suggestions
from fazhi.reports.drafting.words import Words
from fazhi.reports.references import FigureValues

RECIPIENT = "县委全面依法治县委员会办公室："


@dataclass
class Draft:
    """What a new report version starts with."""

    organisation: object
    year: int
    title: str
    recipient: str
    signed_on: date
    part_order: tuple[str, ...]
    parts: dict[str, str]
    suggestions: list[DraftSuggestion]
    values: FigureValues

    def content(self, *, version: int = 1, state_label: str = "草稿") -> Content:
        return Content(
            organisation_name=self.organisation.name,
            organisation_code=self.organisation.code,
            year=self.year,
            title=self.title,
            recipient=self.recipient,
            signed_on=self.signed_on,
            part_order=self.part_order,
            parts=dict(self.parts),
            suggestions=tuple(SuggestionText(s.part, s.text) for s in self.suggestions),
            version=version,
            state_label=state_label,
        )


def draft_document(organisation, year: int, *, today=None) -> ReportDocument:
    """The drafted report of a township for a year, with live figures (nothing stored)."""
    draft = build_draft(organisation, year, today=today)
    return compose(draft.content(), draft.values)


def build_draft(organisation, year: int, *, today=None, part_order=None) -> Draft:
    from fazhi.reports.selectors import part_order_for, submission_due

    today = today or timezone.localdate()
    facts = YearFacts(organisation, year, today)
    words = Words.of(organisation)
    parts = {
        "achievements": achievements(facts, words),
        "shortcomings": f"对照法治政府建设各项要求，{words.we}工作中还存在一些不足，主要表现在：",
        "first_responsible": first_responsible(facts, words),
        "plans": (
            f"{year + 1}年，{words.we}将坚持以习近平法治思想为指导，对照问题逐项整改，"
            "重点抓好以下工作："
        ),
        "other": "无其他需要报告的情况。",
    }
    return Draft(
        organisation=organisation,
        year=year,
        title=title_for(organisation.name, year),
        recipient=RECIPIENT,
        signed_on=min(today, submission_due(organisation, year)),
        part_order=ordered(part_order or part_order_for(organisation)),
        parts=parts,
        suggestions=suggestions(facts),
        values=facts.values,
    )
