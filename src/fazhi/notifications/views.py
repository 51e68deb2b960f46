from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.http import form_data
from fazhi.notifications import selectors, services
from fazhi.notifications.forms import NotificationSettingsForm
from fazhi.notifications.models import Notification


@require_GET
def notification_list(request):
    services.sync_for(request.user)
    items = selectors.notifications_for(request.user)
    unread = sum(1 for item in items if item.unread)
    return render(
        request,
        "notifications/list.html",
        {"items": items, "unread": unread, "limit": selectors.LIST_LIMIT},
    )


@require_GET
def notification_open(request, pk: int):
    """The notification's link: marks it read, then goes where the event is."""
    try:
        notification = services.mark_read(user=request.user, pk=pk)
    except Notification.DoesNotExist as missing:
        raise Http404("没有这条通知。") from missing
    target = notification.url
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:list")
    return redirect(target)


@require_POST
def notification_read_all(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, f"已将 {count} 条通知标为已读。" if count else "没有未读的通知。")
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    chosen = selectors.settings_for(request.user)
    initial = {"email_digest": chosen.email_digest, "email": request.user.email}
    form = NotificationSettingsForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.settings_save(
            user=request.user,
            email_digest=form.cleaned_data["email_digest"],
            email=form.cleaned_data["email"],
        )
        messages.success(request, "通知设置已保存。")
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "mail_configured": settings.FAZHI_EMAIL_ENABLED},
    )
