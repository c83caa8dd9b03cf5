"""Reads /data/kompass.csv back with Python's csv module, as a journalist's
pandas or spreadsheet script would, and checks every row against the SQLite
database the server reads: the same figures, nothing missing, nothing extra,
codes as text. Then the Excel flavour must parse with ';' and decimal comma
into the same values.

Usage: python3 readback.py BASE_URL DATABASE
Exits non-zero with a message on the first difference; prints a summary.
"""

import csv
import io
import sqlite3
import sys
import urllib.request
from decimal import Decimal


def fetch(url):
    with urllib.request.urlopen(url) as r:
        return r.read()


def fail(message):
    print("readback: " + message, file=sys.stderr)
    sys.exit(1)


def number(text, decimal_comma=False):
    """A figure cell: '' is missing, otherwise an exact decimal."""
    if text == "":
        return None
    if decimal_comma:
        if "." in text:
            fail(f"Excel cell {text!r} has a decimal point")
        text = text.replace(",", ".")
    return Decimal(text)


def database_rows(path):
    """(evaluation id, level, code) -> figures, from the tables themselves."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = {}
    for eid, code, name, year, month, total in db.execute(
        "SELECT e.id, e.municipality_code, m.name, e.year, e.month, e.total "
        "FROM evaluations e JOIN municipalities m ON m.code = e.municipality_code"
    ):
        rows[(eid, "total", "")] = {
            "kommunkod": code, "kommun": name, "ar": str(year),
            "manad": "" if month is None else str(month),
            "poang": None if total is None else Decimal(total),
            "max": Decimal(800), "procent": None,
        }
    for eid, code, number_, points, percent in db.execute(
        "SELECT e.id, e.municipality_code, a.number, a.points, a.percent "
        "FROM area_scores a JOIN evaluations e ON e.key = a.evaluation_key"
    ):
        rows[(eid, "omrade", str(number_))] = {
            "kommunkod": code, "poang": Decimal(points), "max": Decimal(100),
            "procent": None if percent is None else Decimal(percent),
        }
    for eid, code, sub, points, max_, percent in db.execute(
        "SELECT e.id, e.municipality_code, s.code, s.points, s.max, s.percent "
        "FROM subarea_scores s JOIN evaluations e ON e.key = s.evaluation_key"
    ):
        rows[(eid, "delomrade", sub)] = {
            "kommunkod": code, "poang": Decimal(points), "max": Decimal(max_),
            "procent": None if percent is None else Decimal(percent),
        }
    return rows


def parse(text, delimiter, decimal_comma):
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = {}
    for row in reader:
        # The area and sub-area numbers are whole numbers: 3.10 stays 3.10.
        for column in ("omrade", "delomrade"):
            if row[column] and not row[column].isdigit():
                fail(f"{column} {row[column]!r} is not a whole number")
        code = row["omrade"] + ("." + row["delomrade"] if row["delomrade"] else "")
        key = (row["utvardering_id"], row["niva"], code)
        if key in out:
            fail(f"row {key} appears twice")
        for column in ("poang", "max", "procent"):
            row[column] = number(row[column], decimal_comma)
        out[key] = row
    return reader.fieldnames, out


def compare(label, csv_rows, db_rows):
    if set(csv_rows) != set(db_rows):
        missing = sorted(set(db_rows) - set(csv_rows))[:5]
        extra = sorted(set(csv_rows) - set(db_rows))[:5]
        fail(f"{label}: rows differ from the database; missing {missing}, extra {extra}")
    for key, expected in db_rows.items():
        got = csv_rows[key]
        for column, value in expected.items():
            if got[column] != value:
                fail(f"{label}: {key} {column} is {got[column]!r}, the database has {value!r}")


def main():
    base, db_path = sys.argv[1], sys.argv[2]
    db_rows = database_rows(db_path)

    standard = fetch(base + "/data/kompass.csv")
    if standard.startswith(b"\xef\xbb\xbf"):
        fail("the standard flavour must not start with a BOM")
    header, rows = parse(standard.decode("utf-8"), ",", False)
    compare("standard", rows, db_rows)

    excel = fetch(base + "/data/kompass-excel.csv")
    if not excel.startswith(b"\xef\xbb\xbf"):
        fail("the Excel flavour must start with a UTF-8 BOM")
    excel_header, excel_rows = parse(excel.decode("utf-8-sig"), ";", True)
    if excel_header != header:
        fail(f"Excel header {excel_header} differs from {header}")
    compare("excel", excel_rows, db_rows)
    for key, row in rows.items():
        if excel_rows[key] != row:
            fail(f"Excel row {key} differs: {excel_rows[key]} vs {row}")

    codes = {row["kommunkod"] for row in rows.values()}
    if not all(len(c) == 4 and c.isdigit() for c in codes):
        fail(f"codes must be four-digit text: {sorted(codes)[:5]}")
    registry = list(csv.DictReader(io.StringIO(fetch(base + "/data/kommuner.csv").decode("utf-8"), newline="")))
    if len(registry) != 290 or "0180" not in {r["kommunkod"] for r in registry}:
        fail("kommuner.csv must list 290 municipalities with 0180 as text")

    unpublished = sum(1 for k, r in rows.items() if k[1] == "total" and r["poang"] is None)
    print(f"rows={len(rows)} evaluations_without_total={unpublished} codes={len(codes)}")


main()
