"""The error every input path raises for bad input: a message in Bengali and English.

Readers of numbers, dates, plan files and documents raise `InputError` (or a subclass) so that
the CLI, the pages and the API can show one clear line without a traceback. A refusal that a
program may want to tell apart is a `CodedError`: a code from an Enum, and its words from one
catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import ClassVar


class InputError(ValueError):
    """Bad input; `bn` and `en` say why, `place` says where (a cell, an indicator, a path)."""

    def __init__(self, bn: str, en: str, place: str = "") -> None:
        self.bn, self.en, self.place = bn, en, place
        where = f" [{place}]" if place else ""
        super().__init__(f"{bn} / {en}{where}")

    def one_line(self) -> str:
        return str(self)


class CodedError(InputError):
    """A refusal from a catalogue: `code` (a member of the family's code Enum) picks the
    Bengali and English words in the family's `MESSAGES`, filled in with `params`; `place`
    says where. The API answers with the code (a client can act on it); pages show the words
    (`kormo.web.i18n.message`). One family per concern, each a subclass with its Enum:

        class ImportSaveCode(StrEnum):
            PLAN_EXISTS = "PLAN_EXISTS"

        class ImportSaveError(CodedError):
            MESSAGES = {ImportSaveCode.PLAN_EXISTS: ("… {year} …", "… {year} …")}
    """

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {}

    def __init__(self, code: Enum, place: str = "", **params: object) -> None:
        bn, en = self.MESSAGES[code]
        self.code = code
        self.params = params
        super().__init__(bn.format(**params), en.format(**params), place)
