"""Pages of this domain beyond the generic ledger pages (see fazhi.ledgers.urls)."""

app_name = "disputes"
urlpatterns: list = []
