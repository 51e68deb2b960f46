from django.urls import path

from fazhi.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<str:code>/", views.organisation_detail, name="detail"),
    path("<str:code>/edit/", views.organisation_edit, name="edit"),
    path("<str:code>/history/", views.organisation_history, name="history"),
]
