"""What an import returns: the plans read and the cells a person should look at (flags).

An import never guesses silently. Where a cell is doubtful the importer keeps the evident
reading and adds a `Flag`: where it went in the plan ("plan 0 / 2.1.1 / levels.70"), where it
came from in the file (`Position`), why in Bengali and English, and the value kept as text. The
codes let tests and the review page tell flags apart without reading prose (STYLE.md: codes, not
prose). A failed import raises `ImportFileError` and returns nothing (no half-made plans).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kormo.domain.errors import InputError
from kormo.domain.plan import Plan
from kormo.importers.readers.model import Document, Position, position_from_json


class ImportFileError(InputError):
    """A file that cannot be imported: damaged, encrypted, empty, too large, of the wrong kind."""


class FlagCode(StrEnum):
    OCR_CORRECTED = "ocr_corrected"  # a known OCR confusion replaced (নক্ষ্যমাত্রা → লক্ষ্যমাত্রা)
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
    REGISTER_REASON = "register_reason"  # a reason in the "working?" column: not working
    TABLE_SKIPPED = "table_skipped"  # a table of no known kind: not imported
    BIJOY = "bijoy"  # text converted from Bijoy (SutonnyMJ) to Unicode
    SHIFTED_PROJECTION = "shifted_projection"  # projections moved one column right


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
