"""Pages of this domain beyond the generic ledger pages (see fazhi.ledgers.urls)."""

from django.urls import path

from fazhi.decisions import views

app_name = "decisions"
# One view serves every workflow action; each keeps its own URL name.
urlpatterns = [
    path("<int:pk>/", views.record, name="record"),
    *(
        path(f"<int:pk>/{route}/", views.act, {"action": name}, name=name)
        for name, route in [
            ("participation_open", "participation/open"),
            ("participation_complete", "participation/complete"),
            ("procedure", "procedure"),
            ("waive", "waive"),
            ("legality", "legality"),
            ("collective", "collective"),
            ("publish", "publish"),
            ("file", "file"),
        ]
    ),
]
