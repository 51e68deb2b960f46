"""Reads of ledger records, always through the one scoping function."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from fazhi.ledgers.models import without_archived
from fazhi.ledgers.registry import DOMAINS, LedgerKind, all_kinds, domain_pages, kind_for_model
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import organisations_in, user_capabilities


def may_view_kind(user, kind: LedgerKind) -> bool:
    return bool(user_capabilities(user) & kind.view_capabilities)


def may_edit_kind(user, kind: LedgerKind) -> bool:
    return bool(user_capabilities(user) & kind.edit_capabilities)


def may_restore(user) -> bool:
    return Capability.ORG_MANAGE in user_capabilities(user)


def records_for(user, kind: LedgerKind, *, archived: bool = False):
    """The records of a kind the user may see: active ones, or (for admins) archived ones."""
    records = kind.model.objects.for_user_by_ids(user, kind.view_capabilities)
    if archived:
        return records.archived().for_user_by_ids(user, {Capability.ORG_MANAGE})
    return records.active()


def records_in(kind, *, user=None, organisation=None, capabilities=None):
    """Active records of a kind (or of a model of rows owned by organisations) in an
    organisation's subtree (everywhere when None) that the user may see; every one without a
    user (see organisations_in). Filtered on the subtree's organisation ids rather than a join
    on their paths, so that the (organisation, year) index serves the query. `capabilities`
    narrows to the subtrees where the user holds one of them (a reviewer's queue)."""
    if isinstance(kind, LedgerKind):
        model, viewing = kind.model, kind.view_capabilities
    else:
        model, viewing = kind, {Capability.LEDGER_VIEW}
    capabilities = viewing if capabilities is None else capabilities
    rows = without_archived(model._default_manager.all())
    if user is None and organisation is None:
        return rows
    scope = organisations_in(organisation, user=user, capabilities=capabilities)
    return rows.filter(organisation__in=scope.values("pk"))


def record_or_404(user, kind: LedgerKind, pk):
    """One record; an archived record exists only for administrators of its organisation."""
    record = (
        kind.model.objects.for_user(user, kind.view_capabilities)
        .select_related("organisation")
        .filter(pk=pk)
        .first()
    )
    if record is None:
        raise Http404("未找到该记录，或您无权查看。")
    if record.is_archived and not records_for(user, kind, archived=True).filter(pk=pk).exists():
        raise Http404("未找到该记录，或您无权查看。")
    return record


def kind_of_attachment(attachment) -> LedgerKind | None:
    model = ContentType.objects.get_for_id(attachment.record_type_id).model_class()
    return kind_for_model(model)


def kind_count(user, kind: LedgerKind, year: int) -> tuple[str, int]:
    """What a kind's card counts: a standing register every active entry ("在册"), any other
    kind the year's records ("今年")."""
    records = records_for(user, kind)
    if kind.standing_register:
        return "在册", records.count()
    return "今年", records.filter(year=year).count()


def ledger_overview(user) -> list[dict]:
    """Kinds the user may open, grouped by domain, with their counts (kind_count)."""
    from django.utils import timezone

    year = timezone.localdate().year
    groups = {domain: [] for domain in DOMAINS}
    for kind in all_kinds():
        if not may_view_kind(user, kind):
            continue
        label, count = kind_count(user, kind, year)
        groups.setdefault(kind.domain, []).append({"kind": kind, "count": count, "label": label})
    pages_allowed = Capability.LEDGER_VIEW in user_capabilities(user)
    return [
        {"domain": d, "kinds": kinds, "pages": domain_pages(d) if pages_allowed else []}
        for d, kinds in groups.items()
        if kinds
    ]


def kinds_requiring_evidence() -> list[LedgerKind]:
    return [kind for kind in all_kinds() if kind.evidence]


def records_without_evidence(
    kind: LedgerKind, *, year: int, user=None, organisation=None, capabilities=None
):
    """Active records of `year` of a kind that requires evidence (LedgerKind.evidence) with no
    attachment at all, oldest first."""
    from django.db.models import Exists, OuterRef

    from fazhi.ledgers.models import Attachment

    record_type = ContentType.objects.get_for_model(kind.model)
    attached = Attachment.objects.current().filter(
        record_type=record_type, record_id=OuterRef("pk")
    )
    return (
        records_in(kind, user=user, organisation=organisation, capabilities=capabilities)
        .filter(year=year)
        .exclude(Exists(attached))
        .select_related("organisation")
        .order_by("occurred_on", "pk")
    )


def record_name(record, user=None) -> str:
    """A ledger record named by title and date (LedgerKind.record_name) wherever it is listed;
    personal data masked unless `user` may see it."""
    from fazhi.ledgers.personal import may_see_personal

    if record is None:
        return "（记录已不存在）"
    kind = kind_for_model(type(record))
    if kind is None:
        return str(record)
    unmasked = not kind.personal_fields or (
        user is not None and may_see_personal(user, record.organisation)
    )
    return kind.record_name(record, unmasked=unmasked)
