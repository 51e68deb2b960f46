# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "disputes_analysismeeting": (
        ("topic", "measures"),
        (),
        ("topic", "chaired_by", "issues_analysed"),
    ),
    "disputes_followupperson": (
        ("reason", "helper"),
        (),
        ("category", "reason", "helper", "visit_interval_days"),
    ),
    "disputes_mediationcase": (
        ("summary", "mediator"),
        (),
        ("dispute_type", "method", "result", "closed_on"),
    ),
    "disputes_petition": (
        ("matter", "responsible_unit"),
        (),
        ("channel", "matter", "responsible_unit"),
    ),
    "disputes_screeninground": (
        ("scope", "notes"),
        (),
        ("scope", "issues_found"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("disputes", "0003_ledger_list_order_index")]

    operations = index_operations(TABLES)
