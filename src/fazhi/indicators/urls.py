from django.urls import path

from fazhi.indicators import dashboard_views, views

app_name = "indicators"
urlpatterns = [
    path("", dashboard_views.home, name="home"),
    # The county routes come before "<code>/" so that "county" is never read as a code.
    path("county/", dashboard_views.county, name="county"),
    path("county/export.xlsx", dashboard_views.county_export, name="county_export"),
    path("<str:code>/", dashboard_views.township, name="township"),
    path("<str:code>/records/<str:indicator>/", views.figure_records, name="records"),
]
