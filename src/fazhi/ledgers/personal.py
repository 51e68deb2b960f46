"""Personal data in ledgers (names, ID numbers, phones, addresses of petitioners, parties,
people under follow-up): masked for roles that do not need it, and every unmasked view logged.

A kind declares its personal fields (LedgerKind.personal_fields). Roles with the PERSONAL_DATA
capability on a record's organisation see the values, and each time they do, a
PersonalDataAccess row records who saw which record, where and when.
"""

from django.db.models import Q

from fazhi.ledgers import search
from fazhi.ledgers.models import PersonalDataAccess
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_capability, scope_queryset

MASK = "*"


def mask_value(value, kind_of_data: str) -> str:
    """The value as shown to someone who may not see it."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    if kind_of_data == "name":
        return text[0] + MASK * max(len(text) - 1, 1)
    if kind_of_data == "id_number":
        if len(text) >= 15:
            return text[:6] + MASK * (len(text) - 10) + text[-4:]
        return text[:2] + MASK * max(len(text) - 2, 1)
    if kind_of_data == "phone":
        if len(text) >= 7:
            return text[:3] + MASK * (len(text) - 7) + text[-4:]
        return MASK * len(text)
    if kind_of_data == "address":
        return text[:6] + MASK * 4
    return MASK * len(text)


def may_see_personal(user, organisation) -> bool:
    return has_capability(user, Capability.PERSONAL_DATA, organisation)


def shown(kind, name: str, value, unmasked: bool):
    """A value of field `name` for display, export or the change history: masked when the
    field is personal and the viewer may not see it."""
    if name in kind.personal_fields and not unmasked:
        return mask_value(value, kind.personal_fields[name])
    return value


def shown_value(kind, record, name: str, unmasked: bool):
    """A record's field for display or export: masked unless `unmasked`."""
    return shown(kind, name, getattr(record, name), unmasked)


def search_condition(kind, user, text: str) -> Q:
    """Records whose search fields contain `text`. A personal field is searched only on records
    whose personal data the user may see: a match on a masked name would tell who it is."""
    condition = Q()
    personal = tuple(name for name in kind.search_fields if name in kind.personal_fields)
    public = tuple(name for name in kind.search_fields if name not in personal)
    for name in public:
        condition |= Q(**{f"{name}__icontains": text})
    if personal:
        seen = scope_queryset(
            Organisation.objects.all(), user, org_field="", capabilities={Capability.PERSONAL_DATA}
        )
        matches = Q()
        for name in personal:
            matches |= Q(**{f"{name}__icontains": text})
        condition |= matches & Q(organisation__in=seen)
    if search.substring_only(user, kind.view_capabilities):
        return condition
    # The index narrows to candidates; the condition above re-checks them exactly (and, a
    # cheap test, is what a walk down the list's date order checks of each row first, where
    # the grams of each row would cost 40 µs: bench/RESULTS.md, a county's 法治 213 → 65 ms).
    scope = search.search_scope(user, kind.view_capabilities)
    indexed = search.candidates(kind.model, public, personal, text, scope)
    return condition if indexed is None else indexed & condition


def unmask_restored(kind, original, incoming: dict) -> dict:
    """Values coming back from a form or a spreadsheet that still carry the mask of the saved
    value (a masked export re-imported, a masked form saved unchanged) keep the saved value."""
    restored = dict(incoming)
    for name, kind_of_data in kind.personal_fields.items():
        if name in restored and original is not None:
            saved = getattr(original, name)
            if saved and restored[name] == mask_value(saved, kind_of_data):
                restored[name] = saved
    return restored


def log_access(*, user, kind, records, context: str) -> None:
    """Write one access row per record whose personal data the user was shown unmasked."""
    if not kind.personal_fields or user is None or not user.is_authenticated:
        return
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(
            user=user,
            organisation_id=record.organisation_id,
            kind_slug=kind.slug,
            record_id=record.pk,
            record_label=kind.record_name(record, unmasked=False)[:200],
            context=context,
        )
        for record in records
    )


def reveal(*, user, kind, records, context: str) -> set[int]:
    """Ids of the records whose personal data this user may be shown; the showing is logged."""
    if not kind.personal_fields:
        return set()
    shown = [record for record in records if may_see_personal(user, record.organisation)]
    log_access(user=user, kind=kind, records=shown, context=context)
    return {record.pk for record in shown}
