# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "governance_budget": (
        ("notes",),
        (),
        ("purpose", "amount", "notes"),
    ),
    "governance_meeting": (
        ("title", "presider", "topics", "decisions"),
        (),
        ("meeting_type", "presider_position", "title", "presider", "attendees"),
    ),
    "governance_member": (
        ("name", "unit", "notes"),
        (),
        ("role", "name", "unit", "left_on"),
    ),
    "governance_plan": (
        ("title", "doc_number", "summary"),
        (),
        ("plan_type", "title", "doc_number"),
    ),
    "governance_task": (
        ("task", "responsible_unit", "owner", "evidence"),
        (),
        ("status", "task", "responsible_unit", "owner", "due_on", "completed_on"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_ledger_list_order_index")]

    operations = index_operations(TABLES)
