"""The county's collection board (县级报告收取): every township of a county with its report of
a year — where it stands, the checker's verdict on what it submitted, and whether every figure
the submitted text states is what the ledgers say.

`collection_board(county, year)` is the one computation; `collection_summary` counts its rows
for the county's home page. Constant queries whatever the number of townships: the townships,
their versions, the uploads, the county's deadlines and one indicator evaluation for all.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from fazhi.indicators.engine import evaluate
from fazhi.indicators.formatting import format_number
from fazhi.indicators.registry import indicator, registered_codes
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.reports import selectors
from fazhi.reports.models import SUBMITTED_STATES, ExternalReport, ReportVersion, State

STATUS_LABELS = {
    "none": "未起草",
    "draft": "草稿",
    "approved": "已审定",
    "submitted": "已报送",
    "published": "已公开",
}
# Where a difference comes from: a number written in the text, or a reference whose value was
# frozen at 审定 while the ledgers changed since.
TYPED, FROZEN = "typed", "frozen"
SOURCE_LABELS = {TYPED: "正文中的数字", FROZEN: "审定时固定的引用"}


@dataclass
class FigureRow:
    code: str
    name: str
    stated: Decimal
    stated_text: str
    ledger: object  # int | Decimal | None
    source: str
    approx: bool = False
    clause: str = ""

    @property
    def difference(self) -> Decimal | None:
        return None if self.ledger is None else self.stated - Decimal(str(self.ledger))

    @property
    def difference_text(self) -> str:
        difference = self.difference
        if difference is None:
            return "台账无数据"
        if difference == 0:
            return "一致"
        sign = "+" if difference > 0 else ""
        return f"{sign}{format_number(difference)}"

    @property
    def differs(self) -> bool:
        """A difference that counts: an approximate figure (约/余/近) is shown, never counted."""
        return not self.approx and self.difference != 0

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]


@dataclass
class BoardRow:
    township: Organisation
    status: str
    latest: ReportVersion | None = None  # the newest version of any state
    version: ReportVersion | None = None  # the newest submitted or published version
    external: ExternalReport | None = None  # the newest upload, for a township off the platform
    submitted_on: date | None = None
    submitted_late: bool = False
    published_on: date | None = None
    published_late: bool = False
    overdue: bool = False  # not submitted and the deadline has passed
    summary: dict | None = None
    figures: list[FigureRow] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def returned(self) -> bool:
        return bool(self.version and self.version.returned_at)

    @property
    def received(self) -> bool:
        return bool(self.version and self.version.received_at) or self.external is not None

    @property
    def differences(self) -> list[FigureRow]:
        return [row for row in self.figures if row.differs]

    @property
    def newer_draft(self) -> ReportVersion | None:
        """A version the township is working on after the one it submitted (after a return)."""
        if self.latest and self.version and self.latest.number > self.version.number:
            return self.latest
        return None

    @property
    def checked(self) -> bool:
        return bool(self.summary) and "error" not in self.summary


def townships_of(county: Organisation):
    return (
        Organisation.objects.current().filter(parent=county, level=Level.TOWNSHIP).order_by("path")
    )


def _stated(figure: dict, code: str) -> Decimal:
    value = Decimal(str(figure["value"]))
    if figure["unit"] == "元" and indicator(code).unit == "万元":
        value = value / 10000
    return value


def _figure_rows(summary, version, township, year, values) -> list[FigureRow]:
    """Each indicator figure the text states (once per code and value) beside the ledgers'."""
    known = registered_codes()
    rows: dict[tuple[str, Decimal], FigureRow] = {}

    def ledger(code):
        return values.get((code, township.pk))

    for figure in (summary or {}).get("figures", []):
        code = figure["code"]
        if code not in known:
            continue
        stated = _stated(figure, code)
        key = (code, stated)
        if key in rows:
            continue
        frozen = _frozen(version, code, year)
        rows[key] = FigureRow(
            code=code,
            name=indicator(code).name,
            stated=stated,
            stated_text=f"{format_number(figure['value'])}{figure['unit']}",
            ledger=ledger(code),
            source=FROZEN if frozen is not None and Decimal(str(frozen)) == stated else TYPED,
            approx=figure["approx"],
            clause=figure["text"],
        )
    # A reference the checker did not read as a figure (no catalogue wording before it) is
    # still compared: its value frozen at 审定 against the ledgers now.
    stated_codes = {code for code, _ in rows}
    for code in _references(summary, version):
        frozen = _frozen(version, code, year)
        if code in stated_codes or code not in known or frozen is None:
            continue
        stated = Decimal(str(frozen))
        rows[(code, stated)] = FigureRow(
            code=code,
            name=indicator(code).name,
            stated=stated,
            stated_text=f"{format_number(stated)}{indicator(code).unit}",
            ledger=ledger(code),
            source=FROZEN,
        )
    return sorted(rows.values(), key=lambda row: (not row.differs, row.code))


def _frozen(version, code, year):
    if version is None or not version.frozen_values:
        return None
    value = version.frozen_values.get(code, {}).get(str(year))
    return value["d"] if isinstance(value, dict) else value


def _references(summary, version) -> list[str]:
    """The codes a platform version states by reference for the report year."""
    return (summary or {}).get("references", []) if version is not None else []


def _codes(summary, version) -> set[str]:
    codes = {figure["code"] for figure in (summary or {}).get("figures", [])}
    return codes | set(_references(summary, version))


def collection_board(
    county: Organisation, year: int, *, today: date | None = None, township=None
) -> list[BoardRow]:
    """One row per current township of the county, in the tree's order (only `township`'s
    when given)."""
    today = today or timezone.localdate()
    townships = townships_of(county)
    if township is not None:
        townships = townships.filter(pk=township.pk)
    townships = list(townships)
    ids = [township.pk for township in townships]
    submission_due = selectors.submission_due(county, year)
    publication_due = selectors.publication_due(county, year)
    versions = defaultdict(list)
    queryset = (
        ReportVersion.objects.filter(report__organisation_id__in=ids, report__year=year)
        .select_related("report__organisation", "returned_by", "received_by")
        .defer("check_result")
        .order_by("number")
    )
    for version in queryset:
        versions[version.report.organisation_id].append(version)
    uploads = {}
    for upload in (
        ExternalReport.objects.filter(organisation_id__in=ids, year=year)
        .select_related("organisation")
        .defer("check_result")
        .order_by("uploaded_at", "pk")
    ):
        uploads[upload.organisation_id] = upload  # the newest wins
    rows = [
        _row(township, versions[township.pk], uploads.get(township.pk), submission_due, today)
        for township in townships
    ]
    _compare(rows, year, publication_due, today)
    return rows


def _row(township, versions, upload, submission_due, today) -> BoardRow:
    latest = versions[-1] if versions else None
    submitted = [v for v in versions if v.state in SUBMITTED_STATES]
    version = submitted[-1] if submitted else None
    row = BoardRow(township=township, status=latest.state if latest else "none", latest=latest)
    if version is not None:
        first = submitted[0]
        row.version, row.status, row.summary = version, version.state, version.check_summary
        # On time is judged by the first submission: a corrected version after a return is
        # not a late report.
        row.submitted_on, row.submitted_late = first.submitted_on, first.submitted_late
        published = [v for v in submitted if v.state == State.PUBLISHED]
        if published:
            row.published_on = published[0].published_on
            row.published_late = published[0].published_late
    elif upload is not None:
        row.external, row.summary = upload, upload.check_summary
        row.status = "published" if upload.published_on else "submitted"
        row.submitted_on = upload.submitted_on
        row.submitted_late = upload.submitted_on > submission_due
        row.published_on = upload.published_on
    else:
        row.overdue = today > submission_due
    return row


def _compare(rows, year, publication_due, today) -> None:
    for row in rows:
        if row.external is not None and row.published_on:
            row.published_late = row.published_on > publication_due
    compared = [row for row in rows if row.summary and (row.version or row.external)]
    codes = set()
    for row in compared:
        codes |= _codes(row.summary, row.version)
    codes &= registered_codes()
    values = {}
    if codes and compared:
        townships = [row.township for row in compared]
        table = evaluate(sorted(codes), townships, [year], today=today)
        values = {
            (code, township.pk): table.value(code, township, year)
            for code in codes
            for township in townships
        }
    for row in compared:
        row.figures = _figure_rows(row.summary, row.version, row.township, year, values)


@dataclass(frozen=True)
class CollectionSummary:
    townships: int
    submitted: int
    late: int
    overdue: int
    published: int
    returned: int
    received: int
    with_differences: int


def collection_summary(rows: list[BoardRow]) -> CollectionSummary:
    """Counts over the board's rows (for the county's home page)."""
    return CollectionSummary(
        townships=len(rows),
        submitted=sum(1 for row in rows if row.submitted_on),
        late=sum(1 for row in rows if row.submitted_late),
        overdue=sum(1 for row in rows if row.overdue),
        published=sum(1 for row in rows if row.published_on),
        returned=sum(1 for row in rows if row.returned),
        received=sum(1 for row in rows if row.received and row.version is not None),
        with_differences=sum(1 for row in rows if row.differences),
    )


def board_row(county: Organisation, township: Organisation, year: int, **kwargs) -> BoardRow:
    """The board's row of one township (the same computation, for its own page)."""
    return collection_board(county, year, township=township, **kwargs)[0]


def inspected_counties(user):
    """Counties whose board the user may open (inspectors' counties)."""
    from fazhi.orgs.roles import Capability

    return Organisation.objects.for_user(user, [Capability.INSPECT]).filter(level=Level.COUNTY)
