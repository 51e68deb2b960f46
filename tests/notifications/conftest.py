from tests.notifications.source import fake_source  # noqa: F401  (a fixture)
