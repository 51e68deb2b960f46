# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0005_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "enforcement_case": (("case_number", "facts"), ("party",), ()),
    "enforcement_enforcementitem": (("name", "legal_basis", "responsible_unit"), (), ()),
    "enforcement_officer": (("name", "certificate_number", "replaces_certificate", "unit"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0005_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
