"""Pages of this domain beyond the generic ledger pages (see fazhi.ledgers.urls)."""

from django.urls import path

from fazhi.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:pk>/", views.case_page, name="record"),
    *[
        path(f"<int:pk>/{name.replace('_', '-')}/", views.case_action, {"action": name}, name=name)
        for name in views.ACTIONS
    ],
]
