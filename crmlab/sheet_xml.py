"""What a workbook's XML says that the cell readers lose, gathered while the zip is checked.

:func:`crmlab.readers.check_zip` streams every XML part once (1 MB chunks) to refuse bombs;
the same pass hands each worksheet chunk to :class:`PartScan`, which notes

* **Excel error values** (``<c t="e"><v>#N/A</v></c>``): python-calamine turns them into empty
  cells (and refuses ``#SPILL!`` outright), so without this a ``#DIV/0!`` amount would be
  called "金额为空" and a ``#REF!`` customer "客户为空";
* **formulas that were never calculated** (``<f>`` with no ``<v>``: files written by programs and
  never opened in Excel), which every reader returns as empty;
* **the last row that holds a value**, an independent count of the sheet's rows to check the
  reader against (openpyxl in read-only mode trusts the declared ``<dimension>``, which
  exporters often get wrong).

:func:`workbook_facts` then reads ``xl/workbook.xml`` (the 1904 date system of Mac workbooks,
sheet names) and its relationships to map each sheet name to its part.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

# every error literal Excel (365 included) can store in a cell
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                          "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!"})
MAX_MARKED = 1_000_000  # cells remembered per sheet (a sheet of nothing but errors stays bounded)

_P = rb"(?:[\w.-]+:)?"  # an optional namespace prefix (<x:c> from the .NET SDK)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_ERROR_CELL = re.compile(rb"<" + _P + rb"c\s([^>]*?\bt=\"e\"[^>]*)>\s*(?:<" + _P + rb"f\b[^>]*?(?:/>|>[^<]*</"
                         + _P + rb"f>)\s*)?<" + _P + rb"v>([^<]*)</")
_UNCALCULATED = re.compile(rb"<" + _P + rb"c\s([^>]*?)>\s*<" + _P + rb"f\b[^>]*?(?:/>|>([^<]*)</" + _P
                           + rb"f>)\s*</" + _P + rb"c>")
_VALUE_CELL = re.compile(rb"<" + _P + rb"c\s[^>]*?\br=\"[A-Z]{1,3}(\d+)\"[^>/]*>\s*(?:<" + _P
                         + rb"f\b[^>]*?(?:/>|>[^<]*</" + _P + rb"f>)\s*)?<" + _P + rb"(?:v>[^<]|is>)")
_TAIL = 64 * 1024


class Uncalculated:
    """A formula cell whose result was never stored: the file was not opened and saved in Excel."""

    __slots__ = ("formula",)

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        return "=" + self.formula

    def __repr__(self) -> str:
        return f"Uncalculated({self.formula!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Uncalculated) and other.formula == self.formula

    __hash__ = None


def column_index(letters: bytes | str) -> int:
    """0-based index of an Excel column: ``column_index("C") == 2``, ``column_index("AA") == 26``."""
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + ord(ch.upper()) - 64
    return n - 1


def _unescape(text: bytes) -> str:
    return (text.decode("utf-8", "replace").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&"))


@dataclass
class PartScan:
    """Error cells, uncalculated formulas and the last row with a value in one worksheet part."""

    marks: dict = field(default_factory=dict)  # (row0, col0) -> "#N/A" or Uncalculated
    last_value_row: int = 0                    # Excel row number, 0 when cells carry no r=
    _carry: bytes = b""

    def feed(self, chunk: bytes) -> None:
        window = self._carry + chunk
        cut = window.rfind(b"row>") + 4  # after the last complete row (</row> or </x:row>)
        done, self._carry = (window[:cut], window[cut:]) if cut > 3 else (b"", window)
        if len(self._carry) > 4 * _TAIL:  # a single huge cell: give up on it, stay bounded
            done, self._carry = window, b""
        self._scan(done)

    def close(self) -> None:
        self._scan(self._carry)
        self._carry = b""

    def _scan(self, text: bytes) -> None:
        if not text:
            return
        if b't="e"' in text:
            for match in _ERROR_CELL.finditer(text):
                self._mark(match.group(1), _unescape(match.group(2)).strip())
        if b"f>" in text or b"f " in text:
            for match in _UNCALCULATED.finditer(text):
                self._mark(match.group(1), Uncalculated(_unescape(match.group(2) or b"")))
        last = None
        for last in _VALUE_CELL.finditer(text, max(0, len(text) - _TAIL)):
            pass
        if last is None and len(text) > _TAIL:
            for last in _VALUE_CELL.finditer(text):
                pass
        if last is not None:
            self.last_value_row = max(self.last_value_row, int(last.group(1)))

    def _mark(self, attrs: bytes, value) -> None:
        ref = _REF.search(attrs)
        if ref is None or len(self.marks) >= MAX_MARKED:
            return
        self.marks[(int(ref.group(2)) - 1, column_index(ref.group(1)))] = value


@dataclass
class WorkbookFacts:
    """``date1904``: the workbook counts serial dates from 1904-01-01 (Mac Excel, Numbers);
    ``parts``: sheet name -> its :class:`PartScan` (missing when it could not be mapped)."""

    date1904: bool = False
    parts: dict = field(default_factory=dict)


def is_worksheet_part(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def workbook_facts(zf: zipfile.ZipFile, scans: dict[str, PartScan]) -> WorkbookFacts:
    """Read the date system and map sheet names to the scanned parts (after the DOCTYPE check)."""
    facts = WorkbookFacts()
    try:
        book = ET.fromstring(zf.read("xl/workbook.xml"))
    except (KeyError, ET.ParseError):
        return facts
    for el in book.iter():
        if el.tag.endswith("workbookPr"):
            facts.date1904 = el.get("date1904", "").lower() in ("1", "true")
    try:
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return facts
    targets = {}
    for el in rels.iter():
        if el.tag.endswith("Relationship"):
            target = el.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[el.get("Id")] = target
    for el in book.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            part = targets.get(rid)
            if part in scans:
                facts.parts[el.get("name")] = scans[part]
    return facts
