"""Pages of 公共法律服务 beyond the generic ledger pages."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.legal_services import selectors
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability, scope_root

VIEW = {Capability.LEDGER_VIEW}


@require_GET
def coverage(request):
    # Advisors log services only; the county-wide picture is for ledger viewers.
    user = request.user
    require_capability(user, Capability.LEDGER_VIEW, "您的角色无权查看法律顾问覆盖情况。")
    today = timezone.localdate()
    context = {
        "today": today,
        "year": today.year,
        "root": scope_root(user, VIEW),  # whose subtree the figures cover (data-org)
        "villages": selectors.villages_in(user=user),
        "window_days": selectors.SERVICE_WINDOW_DAYS,
        "without_contract": selectors.villages_without_contract(today=today, user=user),
        "without_service": selectors.villages_without_recent_service(today=today, user=user),
        "rota": selectors.current_rota(user, today),
    }
    return render(request, "legal_services/coverage.html", context)
