"""`CodedError`: one shape for every catalogue of refusals — a code a program can act on, the
words in Bengali and English, the place."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum, StrEnum
from typing import ClassVar

import pytest

from kormo.domain.errors import CodedError, InputError


class Code(StrEnum):
    TOO_BIG = "TOO_BIG"
    GONE = "GONE"


class SampleError(CodedError):
    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        Code.TOO_BIG: ("{n}টির বেশি নয়", "at most {n}"), Code.GONE: ("নেই", "gone")}


def test_a_coded_error_carries_its_code_words_and_place() -> None:
    err = SampleError(Code.TOO_BIG, "B7", n=5)
    assert isinstance(err, InputError)
    assert (err.code, err.bn, err.en, err.place, err.params) == (
        Code.TOO_BIG, "5টির বেশি নয়", "at most 5", "B7", {"n": 5})
    assert str(err) == "5টির বেশি নয় / at most 5 [B7]"


def test_every_family_has_words_for_every_code() -> None:
    from kormo.importers.result import ImportFileCode, ImportFileError

    for family, codes in ((ImportFileError, ImportFileCode), (SampleError, Code)):
        assert set(family.MESSAGES) == set(codes)
        for bn, en in family.MESSAGES.values():
            assert bn and en and bn != en


def test_a_code_outside_the_catalogue_is_a_programming_error() -> None:
    class Other(StrEnum):
        X = "X"

    with pytest.raises(KeyError):
        SampleError(Other.X)
