"""Pages of 公共法律服务 beyond the generic ledger pages."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core.http import require_capability
from fazhi.legal_services import selectors
from fazhi.orgs.roles import Capability


@require_GET
def coverage(request):
    # Advisors log services only; the county-wide picture is for ledger viewers.
    require_capability(request.user, Capability.LEDGER_VIEW, "您的角色无权查看法律顾问覆盖情况。")
    context = selectors.coverage(request.user, timezone.localdate())
    return render(request, "legal_services/coverage.html", context)
