from django.urls import path

from fazhi.assessment import views

app_name = "assessment"
# A township's assessment is its code and `?year=` (the scheme's year), like its report.
urlpatterns = [
    path("", views.index, name="index"),
    path("self/<str:code>/", views.self_page, name="self"),
    path("self/<str:code>/submit/", views.submit, name="submit"),
    path("self/<str:code>/items/<str:item>/", views.self_item, name="self_item"),
    path("self/<str:code>/items/<str:item>/record/", views.evidence_record, name="evidence_record"),
    path("self/<str:code>/items/<str:item>/upload/", views.evidence_upload, name="evidence_upload"),
    path("self/<str:code>/items/<str:item>/history/", views.history, name="history"),
    path("self/<str:code>/evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path(
        "self/<str:code>/evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"
    ),
    path("review/<str:code>/", views.review, name="review"),
    path("review/<str:code>/items/<str:item>/", views.review_item, name="review_item"),
    path("review/<str:code>/return/", views.review_return, name="return"),
    path("review/<str:code>/complete/", views.review_complete, name="complete"),
]
