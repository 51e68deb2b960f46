from fazhi.disputes.models.followup import FollowUpPerson, FollowUpVisit
from fazhi.disputes.models.petitions import Petition, PetitionExtension
from fazhi.disputes.models.records import AnalysisMeeting, MediationCase, ScreeningRound

__all__ = [
    "AnalysisMeeting",
    "FollowUpPerson",
    "FollowUpVisit",
    "MediationCase",
    "Petition",
    "PetitionExtension",
    "ScreeningRound",
]
