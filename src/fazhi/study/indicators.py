"""Computations of the 学法 figures (catalogue codes study.*)."""

from django.db.models import Q

from fazhi.indicators.registry import Computation, ratio, register
from fazhi.study.models import Exam, StudySession

register(Computation("study.sessions", StudySession))
register(
    Computation(
        "study.central_group_sessions",
        StudySession,
        Q(session_type=StudySession.Type.CENTRAL_GROUP),
    )
)
register(
    Computation(
        "study.pre_meeting_sessions", StudySession, Q(session_type=StudySession.Type.PRE_MEETING)
    )
)
register(Computation("study.lectures", StudySession, Q(session_type=StudySession.Type.LECTURE)))
register(
    Computation(
        "study.enforcement_training",
        StudySession,
        Q(session_type=StudySession.Type.ENFORCEMENT_TRAINING),
    )
)
# Attendance of every study session (人次: one person at two sessions counts twice).
register(Computation("study.training_attendance", StudySession, sum_field="attendees"))
register(Computation("study.exams", Exam))
register(Computation("study.exam_participants", Exam, sum_field="participants"))
register(Computation("study.exam_passed", Exam, sum_field="passed"))
ratio("study.exam_pass_rate")
