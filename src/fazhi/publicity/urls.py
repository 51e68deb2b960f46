"""Pages of this domain beyond the generic ledger pages (see fazhi.ledgers.urls)."""

from django.urls import path

from fazhi.publicity import views

app_name = "publicity"
urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
]
