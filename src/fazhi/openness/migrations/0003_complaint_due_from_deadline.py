# A complaint's answer deadline comes from the deadline engine's "complaint.answer" period only:
# every complaint without that deadline gets it (the length in force for its county, met on
# the day it was answered), then the typed due date goes.

from django.db import migrations, models

CODE = "complaint.answer"


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="openness", model="complaint")[0]


def attach_answer_deadlines(apps, schema_editor):
    from fazhi.deadlines.periods import get_period

    Complaint = apps.get_model("openness", "Complaint")
    Deadline = apps.get_model("deadlines", "Deadline")
    PeriodSetting = apps.get_model("deadlines", "PeriodSetting")
    if not Complaint.objects.exists():
        return
    record_type = _content_type(apps)
    having = set(
        Deadline.objects.filter(record_type=record_type, code=CODE).values_list(
            "record_id", flat=True
        )
    )
    county_days = dict(PeriodSetting.objects.filter(code=CODE).values_list("county_id", "days"))
    default = get_period(CODE)
    new = []
    for complaint in Complaint.objects.select_related("organisation").iterator():
        if complaint.pk in having:
            continue
        county_id = int(complaint.organisation.path.strip("/").split("/")[0])
        days = county_days.get(county_id)
        period = default if days is None else default.with_days(days)
        due = period.due(complaint.occurred_on)
        answered = complaint.answered_on
        new.append(
            Deadline(
                organisation_id=complaint.organisation_id,
                record_type=record_type,
                record_id=complaint.pk,
                code=CODE,
                name=period.name,
                days=period.days,
                unit=period.unit.value,
                triggered_on=complaint.occurred_on,
                due_on=due.day,
                estimated=due.estimated,
                met_on=answered if answered and answered >= complaint.occurred_on else None,
            )
        )
    Deadline.objects.bulk_create(new, batch_size=500)


def restore_typed_due_dates(apps, schema_editor):
    """Back to a typed column: the engine's due date (its history rows too)."""
    Complaint = apps.get_model("openness", "Complaint")
    HistoricalComplaint = apps.get_model("openness", "HistoricalComplaint")
    Deadline = apps.get_model("deadlines", "Deadline")
    if not HistoricalComplaint.objects.exists():
        return
    due = dict(
        Deadline.objects.filter(record_type=_content_type(apps), code=CODE).values_list(
            "record_id", "due_on"
        )
    )
    for model in (Complaint, HistoricalComplaint):
        for row in model.objects.iterator():
            model.objects.filter(pk=row.pk).update(due_on=due.get(row.id, row.occurred_on))


class Migration(migrations.Migration):
    dependencies = [
        ("openness", "0002_archived_index"),
        ("deadlines", "0003_open_deadline_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="complaint",
            name="due_on",
            field=models.DateField("答复期限", null=True),
        ),
        migrations.AlterField(
            model_name="historicalcomplaint",
            name="due_on",
            field=models.DateField("答复期限", null=True),
        ),
        migrations.RunPython(attach_answer_deadlines, restore_typed_due_dates),
        migrations.RemoveField(model_name="complaint", name="due_on"),
        migrations.RemoveField(model_name="historicalcomplaint", name="due_on"),
    ]
