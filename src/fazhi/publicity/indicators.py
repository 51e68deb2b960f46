"""Computations of the 普法 figures (catalogue codes publicity.*).

Activities count in the year they were held. Assets, teams, 法律明白人 and demonstration
villages are registers (one row per asset, team, person, title): their figures are what exists
at the end of the year, whenever it was recorded.
"""

from django.db.models import Q

from fazhi.indicators.registry import Computation, register
from fazhi.publicity.models import Activity, Asset, DemonstrationVillage, LegalPerson, Team

Target = Activity.Target

register(Computation("publicity.activities", Activity))
# 进村入户 is a form of its own: a door-to-door activity is in the villages whatever its target.
register(
    Computation(
        "publicity.activities_in_villages",
        Activity,
        Q(target=Target.VILLAGES) | Q(form=Activity.Form.DOOR_TO_DOOR),
    )
)
register(Computation("publicity.activities_in_schools", Activity, Q(target=Target.SCHOOLS)))
register(Computation("publicity.activities_in_agencies", Activity, Q(target=Target.ORGANS)))
register(Computation("publicity.activities_in_communities", Activity, Q(target=Target.COMMUNITIES)))
register(Computation("publicity.activities_in_enterprises", Activity, Q(target=Target.ENTERPRISES)))
register(Computation("publicity.theme_day_activities", Activity, ~Q(theme_day="")))
# 份 of leaflets and materials, and 册 of booklets: two columns in two units, two figures
# (份 and 册 are never added into one number).
register(Computation("publicity.materials", Activity, sum_field="materials"))
register(Computation("publicity.booklets", Activity, sum_field="booklets"))
register(Computation("publicity.banners", Activity, sum_field="banners"))
register(Computation("publicity.blackboards", Activity, sum_field="blackboards"))
register(Computation("publicity.audience", Activity, sum_field="audience"))
register(Computation("publicity.questions_answered", Activity, sum_field="questions"))
# The ledger has no count of posts: each online activity (线上推送) is one post.
register(Computation("publicity.online_posts", Activity, Q(form=Activity.Form.ONLINE)))


def _existing_by_year_end(period) -> Q:
    return Q(occurred_on__lte=period.last_day)


register(Computation("publicity.assets", Asset, _existing_by_year_end, year_field=None))
register(
    Computation(
        "publicity.law_literate_people",
        LegalPerson,
        lambda period: _existing_by_year_end(period) & Q(person_type=LegalPerson.Type.UNDERSTANDER),
        year_field=None,
    )
)
register(
    Computation(
        "publicity.law_leaders",
        LegalPerson,
        lambda period: _existing_by_year_end(period) & Q(person_type=LegalPerson.Type.LEADER),
        year_field=None,
    )
)
register(Computation("publicity.teams", Team, _existing_by_year_end, year_field=None))
# Villages holding a title (a village named at county level and later at city level is one).
register(
    Computation(
        "publicity.demonstration_villages",
        DemonstrationVillage,
        _existing_by_year_end,
        year_field=None,
        per_organisation=True,
    )
)
