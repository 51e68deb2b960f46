from django.urls import path

from fazhi.ledgers import views

app_name = "ledgers"
urlpatterns = [
    path("", views.ledger_index, name="index"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/preview/", views.attachment_preview, name="attachment_preview"),
    path(
        "attachments/<int:pk>/thumbnail/", views.attachment_thumbnail, name="attachment_thumbnail"
    ),
    path("attachments/<int:pk>/archive/", views.attachment_archive, name="attachment_archive"),
    path("attachments/<int:pk>/replace/", views.attachment_replace, name="attachment_replace"),
    path("access-log/", views.access_log, name="access_log"),
    path("<slug:kind>/", views.record_list, name="list"),
    path("<slug:kind>/new/", views.record_create, name="create"),
    path("<slug:kind>/template.xlsx", views.template_download, name="template"),
    path("<slug:kind>/export.xlsx", views.record_export, name="export"),
    path("<slug:kind>/import/", views.record_import, name="import"),
    path("<slug:kind>/<int:pk>/", views.record_detail, name="detail"),
    path("<slug:kind>/<int:pk>/edit/", views.record_edit, name="edit"),
    path("<slug:kind>/<int:pk>/archive/", views.record_archive, name="archive"),
    path("<slug:kind>/<int:pk>/restore/", views.record_restore, name="restore"),
    path("<slug:kind>/<int:pk>/attachments/", views.attachment_upload, name="upload"),
]
