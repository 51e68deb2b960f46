"""Organisation in every key (docs/scaling.md): each table owned by an organisation carries it in
every composite index and every unique constraint, so a scoped query finds its rows by
organisation first, and the schema can be distributed by organisation (Citus requires the
distribution column in every unique constraint) or cut into one database per province. Every
table without such a column is named below with what it is. An exception states its reason;
a stale exception (the index is gone or gained organisation) fails too."""

from django.apps import apps
from django.db import models

from fazhi.orgs.models import Organisation

# The column that says whose row it is: a county-owned setting names its county.
OWNER_FIELDS = ("organisation", "county")

# (model label, index or constraint fields) -> why organisation is not among them.
EXCEPTIONS = {
    ("deadlines.Deadline", ("record_type", "record_id")): (
        "a record's own deadlines, found from the record (same organisation as the record)"
    ),
    ("deadlines.Deadline", ("due_on", "met_on")): (
        "the national holiday calendar's recompute_year walks every organisation's deadlines "
        "of a year; a rare administrative job, fanned out to every shard"
    ),
    ("deadlines.Deadline", ("record_type", "record_id", "code")): (
        "one deadline per record and period; the record fixes the organisation"
    ),
    ("ledgers.Attachment", ("record_type", "record_id")): (
        "a record's attachments, found from the record (same organisation as the record)"
    ),
    ("normative.CleanupItem", ("cleanup", "document")): (
        "child of a cleanup round of the same organisation"
    ),
    ("decisions.DecisionProcedure", ("decision", "step")): (
        "child of a decision of the same organisation"
    ),
    ("enforcement.CaseOfficer", ("case", "officer")): ("child of a case of the same organisation"),
    ("enforcement.CaseFileReview", ("case",)): "one review per case of the same organisation",
    ("people.Person", ("user",)): "one record per person, found from the user (unowned)",
    ("jobs.Job", ("user", "created")): (
        "a person's own background jobs, listed by person; the organisation (often none) only "
        "labels the job's scope"
    ),
    ("enforcement.Officer", ("certificate_number",)): (
        "a certificate is issued once in the whole country: a rule across organisations, which "
        "a cluster keeps in a table keyed by the number, not in the distributed table"
    ),
}

# Tables with no organisation column, and how they would live on a cluster.
UNOWNED = {
    "orgs.Organisation": "the tree itself: a reference table copied to every node",
    "accounts.User": "people; a person may hold roles in several organisations (coordinator)",
    "notifications.Notification": "a person's own, keyed by user (coordinator)",
    "notifications.NotificationSettings": "a person's own, keyed by user (coordinator)",
    "api.ApiToken": "a person's own, keyed by user (coordinator)",
    "audit.AdminAction": "keyed by scope_path (audit sits below orgs), read by path prefix",
    "deadlines.HolidayYear": "the national holiday calendar: a reference table",
    "deadlines.HolidayDay": "the national holiday calendar: a reference table",
    "ledgers.StoredFile": "file content stored once per SHA-256 whoever attaches it",
    "reports.ReportVersion": "child of a report (organisation via report)",
    "reports.PartText": "child of a report version (organisation via report)",
    "reports.Suggestion": "child of a report version (organisation via report)",
    "supervision.Rectification": "child of a finding (organisation via finding)",
    "assessment.Category": "child of a county's scheme (county via scheme)",
    "assessment.Item": "child of a county's scheme (county via scheme)",
    "assessment.ItemScore": "child of an assessment (organisation via assessment)",
    "assessment.Evidence": "child of an item score (organisation via assessment)",
}


def _fazhi_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("fazhi.")
        and not model.__name__.startswith("Historical")  # copies of the rows above, by id
    ]


def _owner(model) -> str | None:
    for name in OWNER_FIELDS:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist
            continue
        if field.is_relation and field.related_model is Organisation:
            return name
    return None


def _keys(model):
    """(fields, kind) of every composite index and every unique constraint of the model."""
    meta = model._meta
    for index in meta.indexes:
        fields = tuple(name.lstrip("-") for name in index.fields)
        if len(fields) > 1:
            yield fields, f"index {index.name}"
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            yield tuple(constraint.fields), f"unique {constraint.name}"
    for fields in meta.unique_together:
        yield tuple(fields), "unique_together"
    for field in meta.local_fields:
        if field.unique and not field.primary_key:
            yield (field.name,), f"unique {field.name}"


def test_every_table_is_keyed_by_organisation_or_named_with_its_reason():
    unowned = {
        model._meta.label
        for model in _fazhi_models()
        if _owner(model) is None or model is Organisation
    }
    assert unowned == set(UNOWNED)


def test_every_key_of_an_organisations_table_includes_the_organisation():
    missing, used = [], set()
    for model in _fazhi_models():
        owner = _owner(model)
        if owner is None or model is Organisation:
            continue
        for fields, kind in _keys(model):
            key = (model._meta.label, fields)
            if owner in fields:
                continue
            if key in EXCEPTIONS:
                used.add(key)
                continue
            missing.append(f"{model._meta.label} {kind} {fields}")
    assert missing == []
    assert set(EXCEPTIONS) - used == set()  # no stale exception


def test_ledger_lists_find_their_rows_by_organisation_first():
    # Every ledger's (organisation, year) index leads with organisation: a township's year is
    # a range of one index, on one shard.
    ledgers = [
        model
        for model in _fazhi_models()
        if any(index.fields == ["organisation", "year"] for index in model._meta.indexes)
    ]
    assert len(ledgers) >= 30
    for model in ledgers:
        assert model._meta.get_field("organisation").related_model is Organisation
