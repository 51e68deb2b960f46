"""The report checker (fazhi.checker) run once on a report as the county receives it: on a
version's text when it is submitted, on an uploaded file when the inspector uploads it.

Stored are the checker's "fazhi.check/1" result (for the full result page) and a small summary
the collection board reads: parts missing or incomplete, the count of findings by severity, and
the figures the text states for the report year, each mapped to its indicator.
"""

from django.core.exceptions import ValidationError

from fazhi.checker import CheckerInputError
from fazhi.checker.findings.relations import _of_report_year
from fazhi.checker.limits import FileLimits
from fazhi.checker.numerals import number_value
from fazhi.checker.output import PART_SHORT_NAMES
from fazhi.checker.reading import read_bytes
from fazhi.checker.report import INTERNAL_ERROR, analyse_text
from fazhi.checker.structure import REQUIRED_PARTS


def _summary(analysis, result: dict, year: int) -> dict:
    parts = result["parts"]
    severities = [finding["severity"] for finding in result["findings"]]
    figures = [
        {
            "code": fact.indicator,
            "value": number_value(fact.value),
            "unit": fact.unit,
            "approx": fact.approx,
            "text": fact.text,
            "line": fact.line,
        }
        # The checker's own rule for a statement of the report year's figure: not the plans
        # part, not another period, a comparison or a village's figure.
        for fact in analysis.facts
        if fact.indicator and _of_report_year(fact, year)
    ]
    return {
        "missing": [PART_SHORT_NAMES[c] for c in REQUIRED_PARTS if parts[c]["status"] == "missing"],
        "partial": [PART_SHORT_NAMES[c] for c in parts if parts[c]["status"] == "partial"],
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "figures": figures,
    }


def check_text(text: str, source: str, year: int) -> tuple[dict, dict]:
    """(fazhi.check/1 result, summary) of a report's text."""
    try:
        analysis = analyse_text(text, source)
    except CheckerInputError as error:
        raise ValidationError(error.message.rstrip("。") + "。") from error
    result = analysis.as_dict()
    return result, _summary(analysis, result, year)


def check_bytes(data: bytes, filename: str, year: int, limits: FileLimits) -> tuple[dict, dict]:
    """The same for an uploaded file's bytes; a file the checker cannot read is a Chinese
    ValidationError."""
    try:
        text = read_bytes(data, filename, limits)
    except CheckerInputError as error:
        raise ValidationError(error.message.rstrip("。") + "。") from error
    except Exception as error:  # a corrupt file must give a message, never a traceback
        raise ValidationError(f"{INTERNAL_ERROR}。") from error
    return check_text(text, filename, year)
