# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0004_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "legal_services_advisorcontract": (("lawyer", "law_firm"), (), ()),
    "legal_services_dutyrota": (("place", "person_on_duty"), (), ()),
    "legal_services_legalaidcase": (("applicant", "handled_by", "summary"), (), ()),
    "legal_services_legalservice": (("subject", "advisor", "outcome"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("legal_services", "0004_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
