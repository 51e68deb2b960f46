from fazhi.ledgers.registry import LedgerKind, register
from fazhi.study import demo
from fazhi.study.models import Exam, StudySession
from fazhi.study.rules import session_rules

register(
    LedgerKind(
        slug="study-sessions",
        model=StudySession,
        domain="学法",
        fields=("session_type", "topic", "laws", "presenter", "led_by", "attendees", "hours"),
        list_columns=("session_type", "topic", "presenter", "attendees", "hours"),
        natural_key=("organisation", "occurred_on", "session_type", "topic"),
        filter_fields=("session_type", "led_by"),
        search_fields=("topic", "laws", "presenter"),
        citations=("laws",),
        rules=session_rules,
        demo=demo.study_sessions,
        evidence="签到表或活动照片",
    )
)
register(
    LedgerKind(
        slug="exams",
        model=Exam,
        domain="学法",
        fields=("exam_type", "name", "participants", "passed"),
        list_columns=("exam_type", "name", "participants", "passed"),
        natural_key=("organisation", "occurred_on", "exam_type", "name"),
        filter_fields=("exam_type",),
        search_fields=("name",),
        demo=demo.exams,
    )
)
