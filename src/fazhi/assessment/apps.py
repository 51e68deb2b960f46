from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """The county's assessment (考核): schemes of scored items, townships' self-assessment with
    evidence, the inspector's review, scores, grades and ranks."""

    name = "fazhi.assessment"
    label = "assessment"
    verbose_name = "考核"
    demo_loader = "fazhi.assessment.demo.load"

    def ready(self):
        from fazhi.assessment import panels
        from fazhi.core.home import register

        register(panels.panel)
        register(panels.results_panel)
