# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0004_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "governance_budget": (("notes",), (), ()),
    "governance_meeting": (("title", "presider", "topics", "decisions"), (), ()),
    "governance_member": (("name", "unit", "notes"), (), ()),
    "governance_plan": (("title", "doc_number", "summary"), (), ()),
    "governance_task": (("task", "responsible_unit", "owner", "evidence"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("governance", "0004_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
