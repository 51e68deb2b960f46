# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "legal_services_advisorcontract": (
        ("lawyer", "law_firm"),
        (),
        ("lawyer", "law_firm", "contract_end"),
    ),
    "legal_services_dutyrota": (
        ("place", "person_on_duty"),
        (),
        ("weekday", "half_day", "place", "person_on_duty"),
    ),
    "legal_services_legalaidcase": (
        ("applicant", "handled_by", "summary"),
        (),
        ("case_type", "aid_form", "status", "applicant", "closed_on"),
    ),
    "legal_services_legalservice": (
        ("subject", "advisor", "outcome"),
        (),
        ("service_type", "advisor", "subject", "people_served"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("legal_services", "0003_ledger_list_order_index")]

    operations = index_operations(TABLES)
