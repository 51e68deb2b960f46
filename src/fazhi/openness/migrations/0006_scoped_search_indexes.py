# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0005_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "openness_complaint": (("matter", "reply"), ("complainant",), ()),
    "openness_disclosure": (("title", "period"), (), ()),
    "openness_supervision": (("subject", "findings", "follow_up"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("openness", "0005_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
