# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0004_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "study_exam": (("name",), (), ()),
    "study_studysession": (("topic", "laws", "presenter"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("study", "0004_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
