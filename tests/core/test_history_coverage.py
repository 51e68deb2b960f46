from django.apps import apps


def test_every_project_model_keeps_full_history():
    """django-simple-history on every concrete model of ours: who, when and what changed."""
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("fazhi.") or model.__name__.startswith("Historical"):
            continue
        if getattr(model, "append_only", False):  # logs that are never changed
            continue
        if not hasattr(model, "history"):
            missing.append(model.__name__)
    assert missing == []
    assert apps.get_model("orgs", "HistoricalOrganisation") is not None
