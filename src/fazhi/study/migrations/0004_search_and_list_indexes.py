# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "study_exam": (
        ("name",),
        (),
        ("exam_type", "name", "participants", "passed"),
    ),
    "study_studysession": (
        ("topic", "laws", "presenter"),
        (),
        ("session_type", "led_by", "topic", "presenter", "attendees", "hours"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("study", "0003_ledger_list_order_index")]

    operations = index_operations(TABLES)
