"""Spreadsheet cells from people's text: always data, never a formula.

Excel and LibreOffice run a cell starting with "=" as a formula when the file opens, and one
starting with "+", "-", "@", tab or CR as soon as someone edits it. Every workbook Fazhi writes
puts its values through `append`/`write`/`put`: such text (and text spelling an error value such
as "#N/A") becomes a text cell with the quote prefix, shown exactly as typed and never evaluated.
Numbers (negative ones too), dates and ordinary text are written unchanged.

Plain Python on openpyxl only: the report checker, which imports no Django, writes with it too.
"""

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    """True for text a spreadsheet program could take for a formula or an error value."""
    return isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value in ERROR_CODES)


def clean_text(value):
    """Text without the control characters a .xlsx cannot hold (they arrive pasted from Word);
    openpyxl would otherwise refuse the whole workbook."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def put(cell: Cell, value) -> Cell:
    """Set `cell` to `value` as data and return it."""
    value = clean_text(value)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"  # openpyxl typed "=..." as a formula ("f") and "#N/A" as an error
        cell.quotePrefix = True  # Excel and LibreOffice keep it text when the cell is edited
    return cell


def write(sheet, row: int, column: int, value) -> Cell:
    """`sheet.cell(row=..., column=..., value=...)`, safely."""
    return put(sheet.cell(row=row, column=column), value)


def row_cells(sheet, values) -> list:
    """`values` ready for `sheet.append` (an ordinary or a write-only sheet): formula-like text
    as prepared text cells, everything else as it is."""
    cleaned = [clean_text(value) for value in values]
    return [put(WriteOnlyCell(sheet), v) if is_formula_like(v) else v for v in cleaned]


def append(sheet, values) -> None:
    """`sheet.append(values)`, safely."""
    sheet.append(row_cells(sheet, values))
