"""Reads of API tokens: a person sees their own; an administrator those of the people they
manage."""

from django.http import Http404

from fazhi.api.models import ApiToken
from fazhi.core.http import require
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability
from fazhi.people import selectors as people_selectors
from fazhi.people.permissions import may_manage

OUTSIDE = "该人员在您管理的单位以外也有单位或角色，只能由上级管理员查看其令牌。"


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_of(user, pk) -> ApiToken | None:
    """The user's own token `pk`, or one of a person the user manages (an administrator may
    revoke it); None for anyone else's (the page then answers 404)."""
    token = ApiToken.objects.select_related("user").filter(pk=pk).first()
    if token is None or token.user_id == user.pk:
        return token
    managed = people_selectors.people_for(user).filter(pk=token.user_id).first()
    return token if managed is not None and may_manage(user, managed) else None


def person_tokens(actor, pk):
    """A person the actor administers and their tokens; 404 for anyone outside the actor's
    units (as the person page), 403 for a person also placed outside them."""
    require_capability(actor, Capability.ORG_MANAGE, "只有管理员可以查看他人的接口令牌。")
    person = people_selectors.people_for(actor).filter(pk=pk).first()
    if person is None:
        raise Http404("未找到该人员，或您无权查看。")
    require(
        may_manage(actor, person), "该人员在您管理的单位以外也有单位或角色，只能由上级管理员查看。"
    )
    return person, tokens_of(person)
