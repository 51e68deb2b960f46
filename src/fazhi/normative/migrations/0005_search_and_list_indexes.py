# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "normative_cleanupround": (
        ("title", "notes"),
        (),
        ("title", "notes"),
    ),
    "normative_normativedocument": (
        ("title", "drafting_unit", "summary", "legal_basis"),
        (),
        ("title", "drafting_unit"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("normative", "0004_document_legal_basis")]

    operations = index_operations(TABLES)
