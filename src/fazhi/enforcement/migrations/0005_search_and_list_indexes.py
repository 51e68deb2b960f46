# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "enforcement_case": (
        ("case_number", "facts"),
        ("party",),
        ("case_type", "status", "case_number", "is_major"),
    ),
    "enforcement_enforcementitem": (
        ("name", "legal_basis", "responsible_unit"),
        (),
        ("item_type", "name", "responsible_unit"),
    ),
    "enforcement_officer": (
        ("name", "certificate_number", "replaces_certificate", "unit"),
        (),
        ("name", "certificate_number", "unit", "valid_until"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0004_ledger_list_order_index")]

    operations = index_operations(TABLES)
