"""Reads of API tokens: a person sees only their own."""

from fazhi.api.models import ApiToken


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_of(user, pk) -> ApiToken | None:
    """The user's own token `pk`; None for another person's (the page then answers 404)."""
    return tokens_of(user).filter(pk=pk).first()
