"""What every Excel import reports: errors by row and column, in Chinese, all or nothing.

Shared by the ledger imports (fazhi.ledgers.excel) and the organisation tree's (fazhi.orgs.excel).
"""

from dataclasses import dataclass, field

MAX_REPORTED_ERRORS = 500


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    total_errors: int = 0

    @property
    def ok(self) -> bool:
        return self.total_errors == 0

    def add_error(self, row: int, column: str, message: str) -> None:
        self.total_errors += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(row, column, message))


class ImportFailed(Exception):
    def __init__(self, result: ImportResult):
        super().__init__(f"{result.total_errors} errors")
        self.result = result


class _Formula:
    """A cell holding a formula: refused, never stored (see `_read_rows`)."""


FORMULA = _Formula()
FORMULA_MESSAGE = "该单元格是公式，请改为直接填写内容（可复制后“选择性粘贴—数值”）"


def cell_content(cell):
    """A cell's value, or FORMULA for a formula cell (read with data_only=False)."""
    return FORMULA if cell.data_type == "f" else cell.value
