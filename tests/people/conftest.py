import pytest

from fazhi.audit.models import AdminAction


@pytest.fixture(autouse=True)
def audit_starts_empty(request):
    """Building the world records its organisations (org.create); each test here counts only
    the entries its own actions write."""
    if "world" in request.fixturenames:
        request.getfixturevalue("world")
        AdminAction.objects.all().delete()
