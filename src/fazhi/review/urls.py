from django.urls import path

from fazhi.review import views

app_name = "review"
urlpatterns = [
    path("", views.check_report, name="check"),
    path("<str:token>/result.json", views.download, {"fmt": "json"}, name="json"),
    path("<str:token>/result.xlsx", views.download, {"fmt": "workbook"}, name="workbook"),
]
