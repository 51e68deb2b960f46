import pytest
from django.core.management import CommandError, call_command


def test_the_worker_refuses_to_start_without_a_broker(settings):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(CommandError, match="未设置 CELERY_BROKER_URL"):
        call_command("worker")
