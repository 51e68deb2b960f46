"""The one way an administrative action is recorded."""

from fazhi.audit.models import AdminAction

SYSTEM_ACTOR_NAME = "系统（命令行）"


def record(actor, verb: str, summary: str, *, organisation=None, detail: dict | None = None):
    """Record `summary` (Chinese, one line) by `actor` (None for the command line).

    `organisation` is the unit the action concerns; inspectors and admins see the entries under
    their subtree. Call it inside the caller's transaction so a refused change leaves no entry.
    """
    if actor is not None:
        actor_name = getattr(actor, "display_name", "") or actor.get_username()
    else:
        actor_name = SYSTEM_ACTOR_NAME
    return AdminAction.objects.create(
        actor=actor,
        actor_name=actor_name,
        verb=verb,
        summary=summary[:500],
        scope_path=getattr(organisation, "path", "") or "",
        scope_name=getattr(organisation, "name", "") or "",
        detail=detail or {},
    )
