# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "openness_complaint": (
        ("matter", "reply"),
        ("complainant",),
        ("channel", "status", "matter", "answered_on"),
    ),
    "openness_disclosure": (
        ("title", "period"),
        (),
        ("disclosure_type", "channel", "title", "period", "items"),
    ),
    "openness_supervision": (
        ("subject", "findings", "follow_up"),
        (),
        ("supervision_type", "subject", "participants"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("openness", "0004_ledger_list_order_index")]

    operations = index_operations(TABLES)
