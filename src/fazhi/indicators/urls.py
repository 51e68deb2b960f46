from django.urls import path

from fazhi.indicators import views

app_name = "indicators"
urlpatterns = [
    path("<str:code>/records/<str:indicator>/", views.figure_records, name="records"),
]
