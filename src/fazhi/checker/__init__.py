"""Report checker (报告审查): parts, facts and findings of annual 法治政府建设 reports.

A plain Python package with no Django import, so it runs in batch anywhere.
"""

from fazhi.checker.batch import BatchResult, check_files
from fazhi.checker.errors import CheckerInputError
from fazhi.checker.findings import CODES as FINDING_CODES
from fazhi.checker.report import SCHEMA_ID, analyse_text, check_bytes, check_file, check_text
from fazhi.checker.schema import SCHEMA_PATH, load_schema

__all__ = [
    "FINDING_CODES",
    "SCHEMA_ID",
    "SCHEMA_PATH",
    "BatchResult",
    "CheckerInputError",
    "analyse_text",
    "check_bytes",
    "check_file",
    "check_files",
    "check_text",
    "load_schema",
]
