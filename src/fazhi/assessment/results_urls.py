"""Assessment results, mounted at /assessment/results/."""

from django.urls import path

from fazhi.assessment import results_views as views

app_name = "assessment_results"
urlpatterns = [
    # The county routes come before "<code>/" so that they are never read as a code.
    path("", views.county, name="county"),
    path("refresh/", views.refresh, name="refresh"),
    path("export.xlsx", views.export, name="export"),
    path("<str:code>/", views.township, name="township"),
    path("<str:code>/feedback.docx", views.feedback, name="feedback"),
]
