"""The personal API tokens page (/accounts/api-tokens/): everyone manages their own."""

from django.urls import path

from fazhi.api import token_views

app_name = "api_tokens"

urlpatterns = [
    path("", token_views.token_list, name="list"),
    path("<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
    # An administrator's view of a person's tokens (linked from the person page).
    path("people/<int:pk>/", token_views.person_tokens, name="person"),
]
