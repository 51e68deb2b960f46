from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from fazhi.core.health import run_checks


@login_not_required  # the county's monitoring calls it without an account
@require_safe
def healthz(request):
    """200 when every check passes, else 503; says only ok/failed per check (no versions,
    paths or errors). Touches no session, so no cookie is set; never cached (NoStoreMiddleware)."""
    results = run_checks()
    healthy = all(results.values())
    body = {
        "status": "ok" if healthy else "failed",
        "checks": {name: "ok" if ok else "failed" for name, ok in results.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
