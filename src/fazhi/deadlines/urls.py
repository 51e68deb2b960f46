from django.urls import path

from fazhi.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("", views.deadline_list, name="list"),
    path("county/", views.county_overview, name="county"),
    path("periods/", views.period_list, name="periods"),
    path("periods/<str:code>/edit/", views.period_edit, name="period_edit"),
    path("calendar/", views.calendar_year, name="calendar"),
    path("calendar/edit/", views.calendar_edit, name="calendar_edit"),
    path("records/<slug:kind>/<int:pk>/", views.record_deadlines, name="record"),
]
