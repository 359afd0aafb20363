"""The error every input path raises for bad input: a message in Bengali and English.

Readers of numbers, dates, plan files and documents raise `InputError` (or a subclass) so that
the CLI, the pages and the API can show one clear line without a traceback.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input; `bn` and `en` say why, `place` says where (a cell, an indicator, a path)."""

    def __init__(self, bn: str, en: str, place: str = "") -> None:
        self.bn, self.en, self.place = bn, en, place
        where = f" [{place}]" if place else ""
        super().__init__(f"{bn} / {en}{where}")

    def one_line(self) -> str:
        return str(self)
