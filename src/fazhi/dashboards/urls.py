"""The dashboards keep the paths they had under /indicators/ (beside the drill-down pages of
fazhi.indicators, mounted at the same prefix)."""

from django.urls import path

from fazhi.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    # The county routes come before "<code>/" so that "county" is never read as a code.
    path("county/", views.county, name="county"),
    path("county/export.xlsx", views.county_export, name="county_export"),
    path("province/", views.province, name="province"),
    path("<str:code>/", views.township, name="township"),
]
