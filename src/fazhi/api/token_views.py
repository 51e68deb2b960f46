"""The page where a person makes, lists and revokes their own API tokens. A new key is shown
once, in the response to the POST that made it (never stored, never redirected to)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.api import selectors, services
from fazhi.api.forms import TokenForm
from fazhi.core.http import form_data


@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(form_data(request))
    created = key = None
    if request.method == "POST" and form.is_valid():
        try:
            created, key = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    now = timezone.now()
    tokens = [(token, token.state(now)) for token in selectors.tokens_of(request.user)]
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": tokens,
            "created": created,
            "key": key,
            "me_url": request.build_absolute_uri(reverse("api:me")),
            "docs_url": reverse("api:docs"),
        },
    )


@require_POST
def token_revoke(request, pk):
    token = selectors.token_of(request.user, pk)
    if token is None:
        raise Http404("没有找到这个令牌。")
    services.token_revoke(user=request.user, token=token)
    messages.success(request, f"令牌“{token.name}”已撤销，使用它的脚本将无法再访问。")
    if token.user_id != request.user.pk:
        return redirect("api_tokens:person", pk=token.user_id)
    return redirect("api_tokens:list")


@require_http_methods(["GET"])
def person_tokens(request, pk):
    person, tokens = selectors.person_tokens(request.user, pk)
    now = timezone.now()
    return render(
        request,
        "api/person_tokens.html",
        {"person": person, "tokens": [(token, token.state(now)) for token in tokens]},
    )
