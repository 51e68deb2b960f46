"""Pages of this domain beyond the generic ledger pages (see fazhi.ledgers.urls)."""

from django.urls import path

from fazhi.decisions import views

app_name = "decisions"
urlpatterns = [
    path("<int:pk>/", views.record, name="record"),
    path("<int:pk>/participation/open/", views.participation_open, name="participation_open"),
    path(
        "<int:pk>/participation/complete/",
        views.participation_complete,
        name="participation_complete",
    ),
    path("<int:pk>/procedure/", views.procedure, name="procedure"),
    path("<int:pk>/waive/", views.waive, name="waive"),
    path("<int:pk>/legality/", views.legality, name="legality"),
    path("<int:pk>/collective/", views.collective, name="collective"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/file/", views.file, name="file"),
]
