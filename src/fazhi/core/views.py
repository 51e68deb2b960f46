from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from fazhi.core.health import ADVISORY_CHECKS, run_checks
from fazhi.core.routers import replica_configured


@login_not_required  # the county's monitoring calls it without an account
@require_safe
def healthz(request):
    """200 when every check passes, else 503; says only ok/failed per check (no versions,
    paths or errors). Touches no session, so no cookie is set; never cached (NoStoreMiddleware).
    A configured read replica that fails is "degraded" with 200: the pages read the primary."""
    results = run_checks()
    healthy = all(results.values())
    advisory = run_checks(ADVISORY_CHECKS) if replica_configured() else {}
    status = "ok" if healthy and all(advisory.values()) else "degraded" if healthy else "failed"
    body = {
        "status": status,
        "checks": {name: "ok" if ok else "failed" for name, ok in {**results, **advisory}.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
