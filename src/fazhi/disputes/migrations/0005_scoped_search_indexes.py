# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0004_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "disputes_analysismeeting": (("topic", "measures"), (), ()),
    "disputes_followupperson": (("reason", "helper"), (), ()),
    "disputes_mediationcase": (("summary", "mediator"), (), ()),
    "disputes_petition": (("matter", "responsible_unit"), (), ()),
    "disputes_screeninground": (("scope", "notes"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("disputes", "0004_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
