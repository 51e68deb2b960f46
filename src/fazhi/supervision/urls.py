from django.urls import path

from fazhi.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.finding_list, name="list"),
    path("new/", views.finding_new, name="new"),
    path("deadlines/", views.overdue_deadlines, name="deadlines"),
    path("deadlines/open/", views.findings_from_deadlines, name="from_deadlines"),
    path("<int:pk>/", views.finding_detail, name="detail"),
    # One view serves every action posted from a finding's page; each keeps its own URL name.
    *(
        path(f"<int:pk>/{action}/", views.finding_act, {"action": action}, name=action)
        for action in ("rectify", "close", "return")
    ),
    path("rectifications/<int:pk>/file/", views.rectification_file, name="file"),
]
