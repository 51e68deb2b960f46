# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0005_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "decisions_decisioncatalogue": (("title", "items"), (), ()),
    "decisions_majordecision": (("title", "sponsor_unit", "content"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("decisions", "0005_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
