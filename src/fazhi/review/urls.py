from django.urls import path

from fazhi.review import views

app_name = "review"
urlpatterns = [path("", views.check_report, name="check")]
