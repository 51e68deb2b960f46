from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from fazhi.api import views
from fazhi.api.ledgers import ledger_urls

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("me/", views.me, name="me"),
]

# Issue 19, ledgers slice: every ledger kind's records, attachments and their download.
urlpatterns += ledger_urls()
