"""Pages of this domain beyond the generic ledger pages (see fazhi.ledgers.urls)."""

from django.urls import path

from fazhi.legal_services import views

app_name = "legal_services"
urlpatterns = [
    path("coverage/", views.coverage, name="coverage"),
]
