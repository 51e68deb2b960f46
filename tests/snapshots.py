"""What a refused action must leave unchanged, for the workflow apps' tests: every row of the
models it could touch, with every field, and the length of their history."""


def database_state(*models) -> tuple:
    state = []
    for model in models:
        state.append(list(model._default_manager.order_by("pk").values()))
        history = getattr(model, "history", None)
        state.append(history.count() if history is not None else None)
    return tuple(state)
