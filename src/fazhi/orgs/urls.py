from django.urls import path

from fazhi.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("setup/", views.setup, name="setup"),
    path("setup/<str:code>/", views.setup_county, name="setup_county"),
    path("<str:code>/", views.organisation_detail, name="detail"),
    path("<str:code>/edit/", views.organisation_edit, name="edit"),
    path("<str:code>/history/", views.organisation_history, name="history"),
    path("<str:code>/add/", views.organisation_add, name="add"),
    path("<str:code>/merge/", views.organisation_merge, name="merge"),
    path("<str:code>/abolish/", views.organisation_abolish, name="abolish"),
    path("<str:code>/reinstate/", views.organisation_reinstate, name="reinstate"),
    path("<str:code>/export/", views.tree_export, name="export"),
    path("<str:code>/import/", views.tree_import, name="import"),
]
