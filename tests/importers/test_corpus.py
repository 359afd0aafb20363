"""The generated corpus (tests/importers/corpus) is reproducible and covers what it claims."""

from __future__ import annotations

from tests.importers.corpus import generate
from tests.importers.corpus.plans import KINDS
from tests.importers.corpus.samples import FORMATS

TEST_SEED = 7


def test_same_seed_same_documents() -> None:
    a = [(s.name, s.data) for s in generate(TEST_SEED, 6, formats=("txt", "xlsx"))]
    b = [(s.name, s.data) for s in generate(TEST_SEED, 6, formats=("txt", "xlsx"))]
    assert [n for n, _ in a] == [n for n, _ in b]
    # text is byte-identical; XLSX carries a creation time, so compare the names only there
    assert [d for n, d in a if n.endswith(".txt")] == [d for n, d in b if n.endswith(".txt")]


def test_every_kind_and_format_is_generated() -> None:
    samples = list(generate(TEST_SEED, 60, formats=("txt",)))
    assert {s.expected.kind for s in samples} == set(KINDS)
    assert {s.expected.layout for s in samples} == {"five_level", "quarterly", "monthly"}
    assert set(FORMATS) == {"txt", "docx", "xlsx", "pdf"}


def test_noise_damages_header_words_but_keeps_values() -> None:
    noisy = [s for s in generate(TEST_SEED, 80, formats=("txt",)) if s.layout.header_noise >= 0.3]
    assert noisy
    text = "\n".join(s.data.decode() for s in noisy)
    clean_words = ("কর্মসম্পাদন সূচক", "লক্ষ্যমাত্রা", "কার্যক্রম")
    # some header word is damaged somewhere (else the noise model does nothing)
    assert sum(text.count(w) for w in clean_words) < sum(
        len(s.data.decode().splitlines()) for s in noisy)
