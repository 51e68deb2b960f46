# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "decisions_decisioncatalogue": (
        ("title", "items"),
        (),
        ("title", "approved_on", "published_on", "channel"),
    ),
    "decisions_majordecision": (
        ("title", "sponsor_unit", "content"),
        (),
        ("title", "sponsor_unit"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("decisions", "0004_ledger_list_order_index")]

    operations = index_operations(TABLES)
