from django.urls import path

from fazhi.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("import/", views.person_import, name="import"),
    path("import/template/", views.template_download, name="template"),
    path("audit/", views.audit_list, name="audit"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/roles/", views.role_grant, name="role_grant"),
    path("<int:pk>/roles/<int:membership>/revoke/", views.role_revoke, name="role_revoke"),
    path("<int:pk>/deactivate/", views.person_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.person_reactivate, name="reactivate"),
    path("<int:pk>/reset-password/", views.person_reset_password, name="reset_password"),
]
