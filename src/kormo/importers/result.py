"""What an import returns: the plans read and the cells a person should look at (flags).

An import never guesses silently. Where a cell is doubtful the importer keeps the evident
reading and adds a `Flag`: where it went in the plan ("plan 0 / 2.1.1 / levels.70"), where it
came from in the file (`Position`), why in Bengali and English, and the value kept as text. The
codes let tests and the review page tell flags apart without reading prose (STYLE.md: codes, not
prose). A failed import raises `ImportFileError` and returns nothing (no half-made plans).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import ClassVar

from kormo.domain.errors import CodedError
from kormo.domain.plan import Plan
from kormo.importers.readers.model import Document, Position, position_from_json


class ImportFileCode(StrEnum):
    NO_FILE = "NO_FILE"
    EMPTY = "EMPTY"
    TOO_LARGE = "TOO_LARGE"
    IMAGE = "IMAGE"
    DAMAGED_OR_NOT = "DAMAGED_OR_NOT"
    PASSWORD = "PASSWORD"
    OLD_FORMAT = "OLD_FORMAT"
    UNKNOWN_KIND = "UNKNOWN_KIND"
    NOT_UTF8 = "NOT_UTF8"
    BAD_ZIP = "BAD_ZIP"
    PLAIN_ZIP = "PLAIN_ZIP"
    NOT_WORD_OR_EXCEL = "NOT_WORD_OR_EXCEL"
    TOO_MANY_PARTS = "TOO_MANY_PARTS"
    ZIP_BOMB = "ZIP_BOMB"
    EXPANDS_TOO_MUCH = "EXPANDS_TOO_MUCH"
    XML_DECLARATION = "XML_DECLARATION"
    XML_DAMAGED = "XML_DAMAGED"
    CANNOT_OPEN = "CANNOT_OPEN"
    NOT_A_FILE = "NOT_A_FILE"
    CANNOT_READ = "CANNOT_READ"
    WORD_DAMAGED = "WORD_DAMAGED"
    EXCEL_DAMAGED = "EXCEL_DAMAGED"
    EXCEL_TOO_MANY_CELLS = "EXCEL_TOO_MANY_CELLS"
    PDF_PASSWORD = "PDF_PASSWORD"
    PDF_DAMAGED = "PDF_DAMAGED"
    PDF_TOO_MANY_PAGES = "PDF_TOO_MANY_PAGES"
    TEXT_TOO_MANY_LINES = "TEXT_TOO_MANY_LINES"
    NO_PLAN_TABLES = "NO_PLAN_TABLES"
    NO_PLAN_TABLES_SEEN = "NO_PLAN_TABLES_SEEN"
    PDF_STREAMS_TOO_BIG = "PDF_STREAMS_TOO_BIG"
    PDF_TOO_MANY_DRAWINGS = "PDF_TOO_MANY_DRAWINGS"
    PDF_TOO_SLOW = "PDF_TOO_SLOW"
    PDF_TOO_MUCH_MEMORY = "PDF_TOO_MUCH_MEMORY"
    PDF_UNREADABLE = "PDF_UNREADABLE"


_PASSWORD = ("ফাইলটি পাসওয়ার্ড দিয়ে সুরক্ষিত: পাসওয়ার্ড সরিয়ে আবার দিন",
             "the file is password-protected: remove the password and try again")


class ImportFileError(CodedError):
    """A file that cannot be imported: damaged, encrypted, empty, too large, of the wrong kind.
    `place` is the file's name (or path); `{why}` adds the reader's own reason when it has one.
    """

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        ImportFileCode.NO_FILE: ("কোনো ফাইল বাছাই করা হয়নি", "no file was chosen"),
        ImportFileCode.EMPTY: ("ফাইলটি খালি", "the file is empty"),
        ImportFileCode.TOO_LARGE: ("ফাইলটি খুব বড় (সর্বোচ্চ {mb} MB)",
                                   "the file is too large (at most {mb} MB)"),
        ImportFileCode.IMAGE: ("ফাইলটি একটি ছবি ({kind}), নথি নয়{named_bn}",
                               "the file is an image ({kind}), not a document{named_en}"),
        ImportFileCode.DAMAGED_OR_NOT: ("ফাইলটি ক্ষতিগ্রস্ত অথবা .{ext} ফাইল নয়",
                                        "the file is damaged or not a .{ext} file"),
        ImportFileCode.PASSWORD: _PASSWORD,
        ImportFileCode.OLD_FORMAT: (
            "পুরোনো .doc/.xls ফরম্যাট পড়া যায় না: .docx বা .xlsx হিসেবে সংরক্ষণ করে দিন",
            "the old .doc/.xls format cannot be read: save it as .docx or .xlsx"),
        ImportFileCode.UNKNOWN_KIND: ("ফাইলটির ধরন চেনা যায়নি (লেখা, DOCX, XLSX বা PDF নয়)",
                                      "unknown file kind (not text, DOCX, XLSX or PDF)"),
        ImportFileCode.NOT_UTF8: (
            "লেখার ফাইলটি UTF-8 নয়: ইউনিকোড (UTF-8) হিসেবে সংরক্ষণ করে দিন",
            "the text file is not UTF-8: save it as Unicode (UTF-8)"),
        ImportFileCode.BAD_ZIP: ("ফাইলটি ক্ষতিগ্রস্ত (zip পড়া যায়নি)",
                                 "the file is damaged (bad zip)"),
        ImportFileCode.PLAIN_ZIP: ("ফাইলটি DOCX বা XLSX নয় (একটি zip ফাইল)",
                                   "the file is not a DOCX or XLSX (a plain zip archive)"),
        ImportFileCode.NOT_WORD_OR_EXCEL: ("ফাইলটি Word (.docx) বা Excel (.xlsx) নয়",
                                           "the file is neither Word (.docx) nor Excel (.xlsx)"),
        ImportFileCode.TOO_MANY_PARTS: ("ফাইলটিতে অস্বাভাবিক বেশি অংশ",
                                        "the file has too many parts"),
        ImportFileCode.ZIP_BOMB: ("ফাইলটি সন্দেহজনক: খুললে অস্বাভাবিক বড় হয় (zip bomb)",
                                  "suspicious file: it expands to an abnormal size (zip bomb)"),
        ImportFileCode.EXPANDS_TOO_MUCH: (
            "ফাইলটি খুললে খুব বড় হয় (সর্বোচ্চ {mb} MB)",
            "the file expands too much (at most {mb} MB uncompressed)"),
        ImportFileCode.XML_DECLARATION: (
            "ফাইলের ভেতরের XML-এ অনুমোদিত নয় এমন ঘোষণা (DOCTYPE/ENTITY) আছে",
            "an XML part of the file declares a DOCTYPE/ENTITY, which is not allowed"),
        ImportFileCode.XML_DAMAGED: ("ফাইলের ভেতরের XML ক্ষতিগ্রস্ত বা অনিরাপদ",
                                     "an XML part of the file is damaged or unsafe"),
        ImportFileCode.CANNOT_OPEN: ("ফাইলটি খোলা যায়নি: {file}", "cannot open the file: {why}"),
        ImportFileCode.NOT_A_FILE: ("এটি ফাইল নয়: {file}", "not a file"),
        ImportFileCode.CANNOT_READ: ("ফাইলটি পড়া যায়নি: {file}", "cannot read the file: {why}"),
        ImportFileCode.WORD_DAMAGED: ("Word ফাইলটি ক্ষতিগ্রস্ত, পড়া যায়নি",
                                      "the Word file is damaged and cannot be read{why}"),
        ImportFileCode.EXCEL_DAMAGED: ("Excel ফাইলটি ক্ষতিগ্রস্ত, পড়া যায়নি",
                                       "the Excel file is damaged and cannot be read{why}"),
        ImportFileCode.EXCEL_TOO_MANY_CELLS: (
            "Excel ফাইলটিতে অস্বাভাবিক বেশি ঘর",
            "the workbook has too many cells (more than {max_cells})"),
        ImportFileCode.PDF_PASSWORD: (
            "PDF ফাইলটি পাসওয়ার্ড দিয়ে সুরক্ষিত: পাসওয়ার্ড সরিয়ে আবার দিন",
            "the PDF is password-protected: remove the password and try again"),
        ImportFileCode.PDF_DAMAGED: ("PDF ফাইলটি ক্ষতিগ্রস্ত, পড়া যায়নি",
                                     "the PDF is damaged and cannot be read{why}"),
        ImportFileCode.PDF_TOO_MANY_PAGES: ("PDF-এ খুব বেশি পাতা (সর্বোচ্চ {max_pages})",
                                            "the PDF has too many pages (at most {max_pages})"),
        ImportFileCode.TEXT_TOO_MANY_LINES: (
            "লেখার ফাইলটিতে অস্বাভাবিক বেশি লাইন",
            "the text file has too many lines (more than {max_lines})"),
        ImportFileCode.NO_PLAN_TABLES_SEEN: (
            "নথিতে কোনো এপিএ, কর্মপরিকল্পনা, কর্মপরিকল্পনার অগ্রগতি বা রেজিস্টারের সারণি পাওয়া "
            "যায়নি; পাওয়া গেছে: {seen_bn}",
            "no APA, action plan, progress report, work plan or register table was found in the "
            "document; seen: {seen_en}"),
        ImportFileCode.PDF_STREAMS_TOO_BIG: (
            "PDF-এর ভেতরের বিষয়বস্তু খুললে খুব বড় হয় (সর্বোচ্চ {mb_bn} MB): ফাইলটি পড়া হয়নি",
            "the PDF's contents expand too much when opened (at most {mb} MB): not read"),
        ImportFileCode.PDF_TOO_MANY_DRAWINGS: (
            "PDF-এ আঁকার নির্দেশ খুব বেশি (সর্বোচ্চ {limit_bn}): ফাইলটি পড়া হয়নি; ছোট অংশে ভাগ "
            "করে দিন",
            "the PDF holds too many drawing operations (at most {limit}): not read; split it "
            "into smaller files"),
        ImportFileCode.PDF_TOO_SLOW: (
            "PDF ফাইলটি পড়তে খুব বেশি সময় লাগছে (সর্বোচ্চ {seconds_bn} সেকেন্ড): ছোট অংশে ভাগ "
            "করে বা Word/Excel ফাইল দিন",
            "reading the PDF takes too long (at most {seconds} s): split it or give the "
            "Word/Excel file"),
        ImportFileCode.PDF_TOO_MUCH_MEMORY: (
            "PDF ফাইলটি পড়তে খুব বেশি মেমরি লাগছে (সর্বোচ্চ {mb_bn} MB): ছোট অংশে ভাগ করে বা "
            "Word/Excel ফাইল দিন",
            "reading the PDF needs too much memory (at most {mb} MB): split it or give the "
            "Word/Excel file"),
        ImportFileCode.PDF_UNREADABLE: ("PDF ফাইলটি পড়া যায়নি", "the PDF could not be read"),
        ImportFileCode.NO_PLAN_TABLES: (
            "নথিতে কোনো এপিএ, কর্মপরিকল্পনা, কর্মপরিকল্পনার অগ্রগতি বা রেজিস্টারের সারণি পাওয়া "
            "যায়নি",
            "no APA, action plan, progress report, work plan or register table was found in "
            "the document"),
    }


class FlagCode(StrEnum):
    OCR_CORRECTED = "ocr_corrected"  # a damaged word of the forms taken for it (words.py)
    HEADER_SIMILAR = "header_similar"  # a header word read with slips taken for the nearest word
    TITLE_SIMILAR = "title_similar"  # a title's kind words read with slips
    KIND_GUESSED = "kind_guessed"  # no title names the kind: from the columns, close kinds named
    YEAR_CORRECTED = "year_corrected"  # a year outside the plan's year read as the plan's
    YEAR_DIGIT_LOST = "year_digit_lost"  # "৩০/১২/২০২": the year completed from the plan's year
    TRAILING_MARK = "trailing_mark"  # "২৫/০৯/২০-": a stray mark dropped
    DATE_OUTSIDE_YEAR = "date_outside_year"  # kept as written, outside the plan's year
    DATE_OUTSIDE_QUARTER = "date_outside_quarter"  # a quarter's date in another quarter
    DATE_FOR_COUNT = "date_for_count"  # a date where the unit expects a count
    MONEY_IN_LAKH_UNIT = "money_in_lakh_unit"  # "১২,০০০/-" under unit লক্ষ টাকা
    MULTIPLIER = "multiplier"  # "৫ লক্ষ", "1.5 crore", unit কোটি টাকা: to the unit's scale
    PERCENT_FROM_UNIT = "percent_from_unit"  # "৬১" in a % indicator read as 61 %
    UNREADABLE = "unreadable"  # a cell that is none of the value forms: not kept
    DITTO = "ditto"  # a ditto mark (") read as the cell above
    SHIFTED = "shifted"  # cells read from neighbouring columns
    FILL_ARTEFACT = "fill_artefact"  # one value filling a whole row
    COLUMN_NUMBERS = "column_numbers"  # a row of column numbers where data was expected
    LEVELS_DOUBTFUL = "levels_doubtful"  # levels out of order: only the evident ones kept
    LEVELS_REPEATED = "levels_repeated"  # kept as written, a level value repeats
    LEVEL_DIGIT_EXTRA = "level_digit_extra"  # "৬৪" in a 4/3/2/1 run read as 4
    WEIGHT_TRUNCATED = "weight_truncated"  # area weight "৩" read as 30 (its indicators sum)
    WEIGHT_SHARED = "weight_shared"  # one cell for several indicators: given to the first
    WEIGHT_MISSING = "weight_missing"  # no weight printed
    TOTAL_COMPUTED = "total_computed"  # no total printed: the sum of the area weights
    RENUMBERED = "renumbered"  # a duplicate number replaced by the next free one
    MOVED = "moved"  # a row printed under the wrong area moved to the area it belongs to
    NAME_FROM_ACTIVITY = "name_from_activity"  # indicator column empty: activity text used
    UNIT_INFERRED = "unit_inferred"  # unit cell empty: unit taken from the values
    NO_INDICATOR = "no_indicator"  # activity printed without indicator
    AREA_UNNAMED = "area_unnamed"  # an area whose heading is not printed
    EMPTY_ROW = "empty_row"  # a numbered row without text or values: not kept
    FALLBACK = "fallback"  # "যদি ..." condition kept as a fallback indicator
    NOT_KEPT = "not_kept"  # a value in a computed or stray column, not kept
    TEXT_JOINED = "text_joined"  # a line break inside a word removed, or a row continued
    MERGED_CELL = "merged_cell"  # a merged cell's value applied to the rows it covers
    PERIOD_AFTER_TABLE = "period_after_table"  # a period printed after the table applied
    QUANTITY_TEXT = "quantity_text"  # words beside a quantity kept in its text only
    MATCHED_BY_TEXT = "matched_by_text"  # an annex row matched to an indicator by its words
    YEAR_FROM_REPORT = "year_from_report"  # a register given the year of its report
    OFFICE_SPLIT = "office_split"  # "কার্যালয়কালীগঞ্জ" written as "কার্যালয়, কালীগঞ্জ"
    DERIVED_DIFFERS = "derived_differs"  # a reported value vs the value computed from inputs
    TOTAL_DIFFERS = "total_differs"  # a printed total that is not the sum of its rows
    NUMBER_DOUBTFUL = "number_doubtful"  # mixed digit systems or a stray mark inside a number
    REGISTER_REASON = "register_reason"  # a reason in the "working?" column: not working
    TABLE_SKIPPED = "table_skipped"  # a table of no known kind: not imported
    BIJOY = "bijoy"  # text converted from Bijoy (SutonnyMJ) to Unicode
    SHIFTED_PROJECTION = "shifted_projection"  # projections moved one column right
    NAME_REPEATED = "name_repeated"  # a name printed again with other slips: the same item
    HEADING_SIMILAR = "heading_similar"  # an APA part's heading read with slips (রূপকল্প …)
    SIGNATURE_ROLE = "signature_role"  # the supervisor's signature known by the form's order
    METHOD_INFERRED = "method_inferred"  # no method printed: taken from the to-date column


@dataclass(frozen=True, slots=True)
class Flag:
    """A cell a person should check: the place in the plan, the place in the file, why, and the
    value kept (as text; empty when nothing was kept)."""

    code: FlagCode
    place: str
    source: Position
    reason_bn: str
    reason_en: str
    kept: str = ""
    written: str = ""  # the cell as written in the source

    def to_json(self) -> dict[str, object]:
        s = self.source
        return {
            "code": self.code.value,
            "place": self.place,
            "source": {k: v for k, v in (("table", s.table), ("row", s.row),
                                         ("column", s.column), ("line", s.line),
                                         ("page", s.page), ("sheet", s.sheet or None))
                       if v is not None},
            "reason_bn": self.reason_bn,
            "reason_en": self.reason_en,
            "kept": self.kept,
            "written": self.written,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Flag:
        """The flag `to_json` wrote (the review page keeps the flags between requests)."""
        source = raw.get("source") or {}
        return cls(FlagCode(str(raw["code"])), str(raw["place"]),
                   position_from_json(source),  # type: ignore[arg-type]
                   str(raw.get("reason_bn", "")), str(raw.get("reason_en", "")),
                   str(raw.get("kept", "")), str(raw.get("written", "")))


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The plans read from one file, the flags, and the document as read (for the review page:
    every flag's `source` points into `document`)."""

    plans: list[Plan]
    flags: list[Flag]
    document: Document | None = None
    format: str = ""
    notes: list[str] = field(default_factory=list)

    def flags_for(self, plan_index: int) -> list[Flag]:
        prefix = f"plan {plan_index} /"
        return [f for f in self.flags if f.place.startswith(prefix) or
                f.place == f"plan {plan_index}"]
