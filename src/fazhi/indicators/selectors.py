"""Reads for the indicator pages: which organisations a user may see figures of, and the
records behind a figure. Figures themselves come only from engine.evaluate."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.urls import reverse

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.indicators import engine
from fazhi.indicators.registry import computation_for
from fazhi.ledgers.personal import may_see_personal
from fazhi.ledgers.registry import kind_for_model
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import get_for_user_or_404, organisations_in, require_capability

VIEW = {Capability.LEDGER_VIEW}
RECORDS_PER_PAGE = 100


def require_figure_viewer(user) -> None:
    require_capability(user, VIEW, "您的角色无权查看统计指标。")


def organisation_or_404(user, code: str) -> Organisation:
    """An organisation whose figures the user may see (its whole subtree is in scope)."""
    require_figure_viewer(user)
    return get_for_user_or_404(Organisation.objects.all(), user, VIEW, code=code)


def indicator_or_404(code: str) -> Indicator:
    catalogue = load_catalogue()
    if code not in catalogue:
        raise Http404("没有这个指标。")
    return catalogue[code]


@dataclass(frozen=True)
class RecordRow:
    occurred_on: object
    organisation: str
    label: str
    url: str | None
    record_id: int


@dataclass(frozen=True)
class RecordSection:
    """The records of one base figure (a ratio has two: its numerator's and denominator's)."""

    role: str  # "" | "分子" | "分母"
    indicator: Indicator
    figure: engine.Figure
    page: Page
    rows: list[RecordRow]


def record_ids(code: str, organisation: Organisation, year: int) -> list[int]:
    """Ids of the rows a (non-ratio) figure was computed from."""
    return list(
        engine.records(code, organisation, year).order_by("pk").values_list("pk", flat=True)
    )


def figure_sections(user, indicator: Indicator, organisation, year: int, page_number):
    """The figure's value, and a page of its records per base figure (a ratio has two)."""
    catalogue = load_catalogue()
    if indicator.is_ratio:
        parts = [
            ("分子", catalogue[indicator.numerator]),
            ("分母", catalogue[indicator.denominator]),
        ]
    else:
        parts = [("", indicator)]
    table = engine.evaluate([indicator.code, *(p.code for _, p in parts)], [organisation], [year])
    sections = []
    for role, part in parts:
        rows = engine.records(part.code, organisation, year).select_related("organisation")
        page = Paginator(rows.order_by("-pk"), RECORDS_PER_PAGE).get_page(page_number)
        sections.append(
            RecordSection(
                role=role,
                indicator=part,
                figure=table.figure(part.code, organisation, year),
                page=page,
                rows=[_row(user, part.code, record) for record in page.object_list],
            )
        )
    return table.value(indicator.code, organisation, year), sections


def _row(user, code: str, record) -> RecordRow:
    computation = computation_for(code)
    target = getattr(record, computation.record_link) if computation.record_link else record
    kind = kind_for_model(type(target)) if target is not None else None
    url = reverse("ledgers:detail", args=[kind.slug, target.pk]) if kind else None
    label = str(record)
    if kind is not None:
        unmasked = not kind.personal_fields or may_see_personal(user, record.organisation)
        label = kind.record_name(target, unmasked=unmasked)
        if record is not target and unmasked:
            # A step of the record (a training, a review): which one, after whose it is.
            label = f"{label} · {record}"
    occurred_on = getattr(record, "occurred_on", None) or getattr(
        record, computation.year_field or "", None
    )
    return RecordRow(occurred_on, record.organisation.name, label, url, record.pk)


@dataclass(frozen=True)
class FigureRow:
    indicator: Indicator
    figure: engine.Figure

    @property
    def text(self) -> str:
        from fazhi.indicators.formatting import format_value

        return format_value(self.indicator.code, self.figure.value)


def figure_rows(
    organisation: Organisation, year: int, codes=None, *, today=None, on_progress=None
) -> list:
    """Every catalogue figure (or the given codes) of one organisation's subtree and year, in
    catalogue order (on_progress: a command-line bar, see engine.evaluate)."""
    catalogue = load_catalogue()
    wanted = [c for c in (codes or [i.code for i in catalogue.indicators])]
    table = engine.evaluate(wanted, [organisation], [year], today=today, on_progress=on_progress)
    return [FigureRow(catalogue[c], table.figure(c, organisation, year)) for c in wanted]


@dataclass(frozen=True)
class OrganisationFigures:
    """One row of an overview page: an organisation's figures of the year, in the page's order
    of codes (a county's row is the total of its townships, ratios of summed parts)."""

    organisation: Organisation
    year: int
    figures: list[engine.Figure]

    @property
    def is_total(self) -> bool:
        return self.organisation.level != Level.TOWNSHIP


def figures_by_township(user, codes, year: int, *, today=None) -> list[OrganisationFigures]:
    """The figures of each township the user may see, then of each county the user sees whole
    (its total): one engine.evaluate for every row."""
    codes = list(codes)
    scope = organisations_in(user=user, capabilities=VIEW)
    townships = list(scope.filter(level=Level.TOWNSHIP).order_by("path"))
    counties = list(scope.filter(level=Level.COUNTY).order_by("path"))
    table = engine.evaluate(codes, townships + counties, [year], today=today)
    return [
        OrganisationFigures(
            organisation, year, [table.figure(code, organisation, year) for code in codes]
        )
        for organisation in townships + counties
    ]
