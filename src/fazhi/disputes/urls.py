"""Pages of this domain beyond the generic ledger pages (see fazhi.ledgers.urls)."""

from django.urls import path

from fazhi.disputes import views

app_name = "disputes"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("petitions/<int:pk>/", views.petition, name="petition"),
    path("petitions/<int:pk>/decide/", views.petition_action, {"action": "decide"}, name="decide"),
    path("petitions/<int:pk>/extend/", views.petition_action, {"action": "extend"}, name="extend"),
    path("petitions/<int:pk>/reply/", views.petition_action, {"action": "reply"}, name="reply"),
    path("petitions/<int:pk>/review/", views.petition_action, {"action": "review"}, name="review"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/visit/", views.person_visit, name="visit"),
]
