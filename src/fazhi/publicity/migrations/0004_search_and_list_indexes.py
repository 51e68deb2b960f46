# Built by hand: the search index (fazhi.ledgers.search) and the list indexes of this app's
# ledgers, with the columns their kinds declared (tests/ledgers/test_search.py compares).

from django.db import migrations

from fazhi.ledgers.search import index_operations

TABLES = {
    "publicity_activity": (
        ("title", "laws"),
        (),
        ("form", "target", "theme_day", "title", "audience"),
    ),
    "publicity_asset": (
        ("name", "location"),
        (),
        ("asset_type", "name", "cost"),
    ),
    "publicity_demonstrationvillage": (
        ("title", "issuer"),
        (),
        ("level", "award_year", "title"),
    ),
    "publicity_legalperson": (
        ("name",),
        (),
        ("person_type", "identity", "name"),
    ),
    "publicity_team": (
        ("name", "leader"),
        (),
        ("team_type", "name", "leader", "member_count"),
    ),
    "publicity_teammember": (
        ("team_name", "name", "unit"),
        (),
        ("role", "team_name", "name", "unit"),
    ),
}


class Migration(migrations.Migration):
    dependencies = [("publicity", "0003_ledger_list_order_index")]

    operations = index_operations(TABLES)
