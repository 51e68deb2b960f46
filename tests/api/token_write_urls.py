"""The site's URLs plus one API write made for tests/api/test_token_history.py: it saves a
complaint through the ledger service with actor=request.user, and marks it through a plain
save that names no user (simple_history then reads the request's user)."""

from datetime import date

from django.urls import path
from rest_framework.decorators import api_view
from rest_framework.response import Response

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.orgs.models import Organisation
from fazhi.urls import urlpatterns as site_urlpatterns

COMPLAINTS = get_kind("complaints")


@api_view(["POST"])
def write(request):
    record = record_create(
        actor=request.user,
        kind=COMPLAINTS,
        organisation=Organisation.objects.get(code=request.data["code"]),
        data={
            "occurred_on": date(2026, 11, 2),
            "channel": "12345",
            "complainant": "投诉人甲",
            "matter": "接口写入的投诉",
            "status": "handling",
        },
    )
    record.matter = "接口再次修改的投诉"
    record.save()
    return Response({"pk": record.pk, "user": request.user.username}, status=201)


urlpatterns = [path("api-test/write/", write), *site_urlpatterns]
