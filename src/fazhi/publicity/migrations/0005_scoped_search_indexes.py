# Built by hand: the organisation-keyed search indexes (PostgreSQL only;
# fazhi.ledgers.search) of the search columns declared in
# 0004_search_and_list_indexes, which stay as they are.

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

TABLES = {
    "publicity_activity": (("title", "laws"), (), ()),
    "publicity_asset": (("name", "location"), (), ()),
    "publicity_demonstrationvillage": (("title", "issuer"), (), ()),
    "publicity_legalperson": (("name",), (), ()),
    "publicity_team": (("name", "leader"), (), ()),
    "publicity_teammember": (("team_name", "name", "unit"), (), ()),
}


class Migration(migrations.Migration):
    dependencies = [("publicity", "0004_search_and_list_indexes")]

    operations = scoped_index_operations(TABLES)
