"""Ledger kinds: each ledger is declared once here and gets every page, import and export."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from random import Random

from django.http import Http404

from fazhi.core.dates import happened_error
from fazhi.orgs.roles import Capability, Level


@dataclass(frozen=True)
class ComputedColumn:
    """A derived value shown beside a kind's fields (and exported, but never imported)."""

    label: str
    function: Callable

    # Templates must not call the column itself; the computed_value tag calls the function.
    do_not_call_in_templates = True

    def value(self, record) -> str:
        return self.function(record) or ""


@dataclass(frozen=True)
class Frozen:
    """The "frozen after decision" rule: fields of a record that a form or an import may no
    longer change once a step of its workflow is taken (a decision made, a text published).

    fields: the locked field names.
    when: (the stored record) -> True once they are locked.
    message: (the stored record, the changed fields' labels joined by "、") -> the reason.
    per_field: attach the reason to each changed field instead of the whole record.
    """

    fields: tuple[str, ...]
    when: Callable[[object], bool]
    message: Callable[[object, str], str]
    per_field: bool = False


# Fields that name a record, in order of preference, when a kind declares no title.
TITLE_FIELDS = (
    "title",
    "name",
    "topic",
    "subject",
    "matter",
    "task",
    "case_number",
    "purpose",
    "scope",
    "summary",
    "lawyer",
    "person_on_duty",
    "applicant",
    "team_name",
)


@dataclass(frozen=True)
class LedgerKind:
    """Declaration of one ledger.

    fields: editable fields in form and spreadsheet order (besides organisation and date).
    natural_key: fields (may include "organisation") that identify a row, so a re-import
      updates instead of duplicating.
    org_level: the level of organisation a record belongs to (township or village).
    rules: cross-record checks run by the services, raising ValidationError.
    demo: yields field dicts (including "occurred_on") for one organisation and year, with
      dates up to the given last day.
    advisor_kind: kept by village legal advisors, who see and edit only this kind.
    notes: spreadsheet note per field name, replacing the generated one.
    computed: (label, function of a record returning text) shown after the fields in lists
      and on the detail page, e.g. ("是否逾期", lambda task: "逾期" if task.is_overdue() else "").
    workflow_url_name: the URL name (taking the record's pk) of the kind's own workflow page,
      linked from the generic detail page as 办理流程.
    personal_fields: field name -> "name" | "id_number" | "phone" | "address": personal data
      masked in lists, exports, forms and history for roles without the personal-data
      capability, and searched only where the user may see them.
    frozen: fields locked once the record's workflow has reached a step (see Frozen), checked
      by the ledger services with the other rules.
    related: relations prefetched for lists and exports (what the computed columns read).
    deadlines: (record, actor=...) -> None: brings the record's statutory deadlines
      (fazhi.deadlines) in step with its dates. The one path to a kind's deadlines: the ledger
      services call it after every create, update, archive and restore, bulk imports and demo
      data included, and the kind's workflow services after each step that moves a date.
    evidence: the attachment every record of the kind needs as evidence (佐证材料, what
      inspectors ask for), e.g. "活动照片或签到表"; empty when none is required. A record with
      no attachment is listed to the clerk as missing evidence.
    title: (record, shown) -> the record's title; shown(field name[, part]) is the field's
      value (or a part of it) as the viewer may see it (masked personal data). By default the
      first of TITLE_FIELDS the kind has. `record_name` adds the date: the one way a record is
      named in any list.
    default_attachment_category: the category an upload form offers first (a normative
      document's attachments are its text, an activity's its photos).
    standing_register: a register of what stands (officers, enforcement items, advisors), not a
      year's activities: counted as "在册 N" rather than "今年 N 条".
    happened: date fields that record something that already happened (a meeting, a case's
      acceptance, its closing), refused in the future or before 2000 by the services; not
      deadlines, validity ends or planned dates.
    citations: fields citing laws (法律依据, 制定依据, laws studied): the form offers the law
      catalogue's names as the person types (fazhi.ledgers.citations); the kind's rules check
      them on save and detail pages link them.
    """

    slug: str
    model: type
    domain: str
    fields: tuple[str, ...]
    list_columns: tuple[str, ...]
    natural_key: tuple[str, ...]
    org_level: str = Level.TOWNSHIP
    filter_fields: tuple[str, ...] = ()
    search_fields: tuple[str, ...] = ()
    rules: Callable | None = None
    demo: Callable[[object, int, Random, date], Iterator[dict]] | None = None
    advisor_kind: bool = False
    notes: dict[str, str] = field(default_factory=dict)
    computed: tuple[tuple[str, Callable], ...] = ()
    workflow_url_name: str | None = None
    personal_fields: dict[str, str] = field(default_factory=dict)
    frozen: Frozen | None = None
    related: tuple[str, ...] = ()
    deadlines: Callable[..., None] | None = None
    evidence: str = ""
    title: Callable[[object, Callable[..., object]], str] | None = None
    default_attachment_category: str = "photo"
    standing_register: bool = False
    citations: tuple[str, ...] = ()

    def record_title(self, record, *, unmasked: bool = True) -> str:
        from fazhi.ledgers.personal import shown

        def value(name: str, part=None):
            # `part`: a piece of the field (one of several names), masked as the field is.
            raw = getattr(record, name) if part is None else part
            return shown(self, name, raw, unmasked)

        if self.title is not None:
            return str(self.title(record, value))
        for name in TITLE_FIELDS:
            if name in self.fields and getattr(record, name, None):
                field = self.model._meta.get_field(name)
                if field.choices:
                    return str(getattr(record, f"get_{name}_display")())
                return str(value(name))
        return self.label

    def record_name(self, record, *, unmasked: bool = True) -> str:
        """Title and date, e.g. "张*与李*土地纠纷（2025-03-14）", personal data masked unless
        `unmasked`."""
        title = self.record_title(record, unmasked=unmasked)
        day = getattr(record, "occurred_on", None)
        return f"{title}（{day:%Y-%m-%d}）" if day else title

    happened: tuple[str, ...] = ("occurred_on",)

    @property
    def computed_columns(self) -> list[ComputedColumn]:
        return [ComputedColumn(label, function) for label, function in self.computed]

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def view_capabilities(self) -> frozenset:
        extra = {Capability.ADVISOR_LOG} if self.advisor_kind else set()
        return frozenset({Capability.LEDGER_VIEW, *extra})

    @property
    def edit_capabilities(self) -> frozenset:
        extra = {Capability.ADVISOR_LOG} if self.advisor_kind else set()
        return frozenset({Capability.LEDGER_EDIT, *extra})

    def field_label(self, name: str) -> str:
        return str(self.model._meta.get_field(name).verbose_name)

    def happened_errors(self, values: dict) -> dict[str, str]:
        """The reason for each date of `values` that is a `happened` date it cannot be."""
        reasons = {}
        for name in self.happened:
            reason = happened_error(values.get(name), self.field_label(name))
            if reason:
                reasons[name] = reason
        return reasons


@dataclass(frozen=True)
class DomainPage:
    """A page of a domain beyond its ledgers (a calendar, a coverage list), linked from the
    ledger index for users who may view ledgers."""

    domain: str
    label: str
    url_name: str


DOMAINS = [
    "组织领导",
    "学法",
    "普法",
    "规范性文件",
    "重大行政决策",
    "行政执法",
    "矛盾纠纷",
    "公共法律服务",
    "公开与监督",
]
_KINDS: dict[str, LedgerKind] = {}
_BY_MODEL: dict[type, LedgerKind] = {}  # kind_for_model is asked once per listed row
_PAGES: dict[str, DomainPage] = {}


def register_page(page: DomainPage) -> DomainPage:
    _PAGES[page.url_name] = page
    return page


def domain_pages(domain: str) -> list[DomainPage]:
    return [page for page in _PAGES.values() if page.domain == domain]


def register(kind: LedgerKind) -> LedgerKind:
    if kind.slug in _KINDS and _KINDS[kind.slug] is not kind:
        raise ValueError(f"ledger kind {kind.slug!r} registered twice")
    _KINDS[kind.slug] = kind
    _BY_MODEL[kind.model] = kind
    return kind


def get_kind(slug: str) -> LedgerKind:
    try:
        return _KINDS[slug]
    except KeyError as exc:
        raise Http404("没有这个台账。") from exc


def all_kinds() -> list[LedgerKind]:
    order = {domain: index for index, domain in enumerate(DOMAINS)}
    return sorted(_KINDS.values(), key=lambda k: (order.get(k.domain, len(order)), k.slug))


def kind_for_model(model) -> LedgerKind | None:
    kind = _BY_MODEL.get(model)
    if kind is not None and _KINDS.get(kind.slug) is not kind:  # re-registered under its slug
        kind = next((k for k in _KINDS.values() if k.model is model), None)
    return kind
