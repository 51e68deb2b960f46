from django.urls import path  # noqa: F401  (patterns added with the pages)

app_name = "people"
urlpatterns: list = []
