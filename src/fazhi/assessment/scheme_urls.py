from django.urls import path

from fazhi.assessment import scheme_views as views

app_name = "schemes"

urlpatterns = [
    path("", views.scheme_list, name="list"),
    path("<int:pk>/", views.scheme_detail, name="detail"),
    path("<int:pk>/export.<str:fmt>", views.scheme_export, name="export"),
    path("<int:pk>/lock/", views.scheme_lock, name="lock"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path("county/<str:code>/copy/", views.scheme_copy, name="copy"),
    path("county/<str:code>/import/", views.scheme_import, name="import"),
]
