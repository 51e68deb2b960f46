"""Workflow pages of 规范性文件 beyond the generic ledger pages (see fazhi.ledgers.urls).

Every action is POST-only at "<pk>/<action>/" (a cleanup's at "cleanups/<pk>/<action>/")."""

from django.urls import path

from fazhi.normative import views

app_name = "normative"
urlpatterns = [
    path("<int:pk>/", views.record, name="record"),
    path("cleanups/<int:pk>/", views.cleanup, name="cleanup"),
    path("expiring/", views.expiring, name="expiring"),
]
for _action in views.DOCUMENT_ACTIONS:
    urlpatterns.append(
        path(
            f"<int:pk>/{_action.name.replace('_', '-')}/",
            views.act,
            {"action": _action.name},
            name=_action.name,
        )
    )
for _action in views.CLEANUP_ACTIONS:
    urlpatterns.append(
        path(
            f"cleanups/<int:pk>/{_action.name.removeprefix('cleanup_')}/",
            views.act,
            {"action": _action.name},
            name=_action.name,
        )
    )
