"""One way to write a spreadsheet export, used by every export in the product.

A cell that begins with = + - @ (or a tab or carriage return) is read by Excel and
LibreOffice as a formula: a comment typed at the lobby tablet such as
`=HYPERLINK("http://...")` would run on the supervisor's machine. Such text gets a leading
apostrophe, which the spreadsheet shows as plain text (OWASP's advice on CSV injection).
Numbers stay numbers, so a figure is never turned into text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    # Semicolons: a Finnish Excel reads commas as the decimal separator.
    writer = csv.writer(response, delimiter=";")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return response


def xlsx_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A spreadsheet written in constant memory, text never read as a formula or a link
    (see the module docstring: XlsxWriter's own switches and safe_cell both). Dates get a
    date format; numbers stay numbers."""
    import datetime
    import decimal
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "in_memory": True,
        },
    )
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "d.m.yyyy"})
    for col, title in enumerate(header):
        sheet.write_string(0, col, str(title), bold)
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    row_number, col, datetime.datetime.combine(value, datetime.time()), day
                )
            elif isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
                sheet.write_number(row_number, col, float(value))
            elif value is None:
                sheet.write_blank(row_number, col, None)
            else:
                sheet.write_string(row_number, col, str(safe_cell(str(value))))
    book.close()
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
