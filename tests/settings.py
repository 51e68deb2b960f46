"""Production settings with only what a test client over plain HTTP needs relaxed."""

from fazhi.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Argon2 is the production hasher (tests/core/test_settings.py checks); tests hash many demo users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The live server's thread must not keep connections open past a test (PostgreSQL cannot drop
# a test database that still has sessions).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Uploaded files of the test run go to a temporary folder.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="fazhi-test-media-")

# The API's per-person limit would stop a contract fuzzer's thousands of requests as one person;
# tests/api/test_throttling.py sets its own small rate.
FAZHI_API_RATE = "100000/min"

# Background jobs run at once in the caller; tests/jobs drives the thread and Celery runners.
CELERY_BROKER_URL = ""
FAZHI_JOBS_RUNNER = "eager"
