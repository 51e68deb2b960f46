# Built by hand: on PostgreSQL, every searchable ledger table gains the `search_scope` column
# (set by triggers) and a GIN index of its grams keyed by county (fazhi.ledgers.search). The
# tables and their search columns are those the ledger apps' search migrations built.

from importlib import import_module

from django.db import migrations

from fazhi.ledgers.search import scoped_index_operations

SEARCH_MIGRATIONS = [
    ("decisions", "0005_search_and_list_indexes"),
    ("disputes", "0004_search_and_list_indexes"),
    ("enforcement", "0005_search_and_list_indexes"),
    ("governance", "0004_search_and_list_indexes"),
    ("legal_services", "0004_search_and_list_indexes"),
    ("normative", "0005_search_and_list_indexes"),
    ("openness", "0005_search_and_list_indexes"),
    ("publicity", "0004_search_and_list_indexes"),
    ("study", "0004_search_and_list_indexes"),
]

TABLES = {
    table: columns
    for app, name in SEARCH_MIGRATIONS
    for table, columns in import_module(f"fazhi.{app}.migrations.{name}").TABLES.items()
}


class Migration(migrations.Migration):
    dependencies = [
        ("ledgers", "0004_personaldataaccess_api_context"),
        ("orgs", "0003_province_and_city_levels"),
        *SEARCH_MIGRATIONS,
    ]

    operations = scoped_index_operations(TABLES)
