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
