"""The APA's written parts (issue 13, item 5): the vision, mission, functions, preamble and its
parties, the commitments and the signature blocks are read under the form's headings as
docs/import.md promises — from the seed's text copy as transcribed by hand, from headings
typed with slips (flagged, with what was read and what it was taken for) and from signature
blocks printed line by line; nothing is flagged that was read as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.plan import Party
from kormo.importers import FlagCode, ImportResult, import_file
from kormo.importers.api import import_bytes

REPO = Path(__file__).resolve().parents[2]
SEED = next(iter(sorted(Path("/work/shared/seeds").glob("000_*.txt"))), None) \
    or next(iter(sorted((REPO.parent / "shared" / "seeds").glob("000_*.txt"))), None)

OFFICE = ("উপজেলা কৃষি অফিসার", "উপজেলা কৃষি অফিস, কালীগঞ্জ, ঝিনাইদহ")
SUPERVISOR = ("উপপরিচালক", "কৃষি সম্প্রসারণ অধিদপ্তর, ঝিনাইদহ")
TABLE = [
    "কর্মসম্পাদনের ক্ষেত্র\tক্ষেত্রের মান\tকার্যক্রম\tকর্মসম্পাদন সূচক\tগণনা পদ্ধতি\tএকক\t"
    "সূচকের মান\tপ্রকৃত অর্জন ২০২০-২১\tপ্রকৃত অর্জন ২০২১-২২\tঅসাধারণ ২০২২-২৩\tঅতি উত্তম\t"
    "উত্তম\tচলতি মান\tচলতি মানের নিম্নে\tপ্রক্ষেপণ ২০২৩-২৪\tপ্রক্ষেপণ ২০২৪-২৫",
    "[১] কৃষি সম্প্রসারণ\t১০\t[১.১] প্রশিক্ষণ\t[১.১.১] প্রশিক্ষিত কৃষক\tসমষ্টি\tজন\t১০\t"
    "৮০\t৯০\t১০০\t৯০\t৮০\t৭০\t৬০\t১১০\t১২০",
]


def _apa(front: list[str], after: list[str]) -> bytes:
    lines = [*front, "", "বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩",
             f"দপ্তর/সংস্থার নাম: {OFFICE[1]}", *TABLE, "", *after]
    return ("\n".join(lines) + "\n").encode("utf-8")


PREAMBLE = ["প্রস্তাবনা",
            "প্রাতিষ্ঠানিক দক্ষতা বৃদ্ধি, স্বচ্ছতা ও জবাবদিহি জোরদার করার লক্ষ্যে-",
            ", ".join(OFFICE), "এবং",
            f"{', '.join(SUPERVISOR)}-এর মধ্যে ২০২২ সালের ........ মাসের ........ তারিখে এই "
            "বার্ষিক কর্মসম্পাদন চুক্তি স্বাক্ষরিত হল।",
            "এই চুক্তিতে স্বাক্ষরকারী উভয়পক্ষ নিম্নলিখিত বিষয়সমূহে সম্মত হলেন:"]
SECTION1 = ["সেকশন ১", "১.১ রূপকল্প (Vision)", "টেকসই কৃষি ও খাদ্য নিরাপত্তা",
            "১.২ অভিলক্ষ্য (Mission)", "আধুনিক প্রযুক্তি সম্প্রসারণের মাধ্যমে ফসলের উৎপাদন বৃদ্ধি।",
            "১.৩ কর্মসম্পাদনের ক্ষেত্র", "১. কৃষি সম্প্রসারণ",
            "১.৪ কার্যাবলি (Functions)", "১. কৃষকদের প্রশিক্ষণ প্রদান।", "২. বীজ ও সার বিতরণ তদারকি।"]
SIGNED = ["স্বাক্ষরিত:", *OFFICE, "৩০.০৬.২০২২", "তারিখ", *SUPERVISOR, "৩০.০৬.২০২২", "তারিখ"]


def _codes(result: ImportResult) -> set[FlagCode]:
    return {f.code for f in result.flags}


@pytest.mark.skipif(SEED is None, reason="the seed texts are not here")
def test_the_seed_apa_text_gives_the_written_parts_of_its_hand_transcription() -> None:
    assert SEED is not None
    got = import_file(SEED).plans[0]
    want = planformat.load_path(str(next((REPO / "data" / "seeds").glob("000-*.json"))))[0]
    for part in ("overview", "preamble", "preamble_parties", "vision", "mission", "functions",
                 "commitments", "signatures", "supervisor"):
        assert getattr(got, part) == getattr(want, part), part
    assert [s.role for s in got.signatures] == ["office", "supervisor"]
    assert len(got.functions) == 7 and got.vision


def test_headings_as_written_are_read_and_nothing_is_flagged() -> None:
    result = import_bytes(_apa(PREAMBLE + SECTION1, SIGNED), "apa.txt")
    plan = result.plans[0]
    assert plan.vision == "টেকসই কৃষি ও খাদ্য নিরাপত্তা"
    assert plan.mission == "আধুনিক প্রযুক্তি সম্প্রসারণের মাধ্যমে ফসলের উৎপাদন বৃদ্ধি।"
    assert plan.functions == ("কৃষকদের প্রশিক্ষণ প্রদান।", "বীজ ও সার বিতরণ তদারকি।")
    assert plan.preamble_parties == (Party(*OFFICE), Party(*SUPERVISOR))
    assert "........" not in plan.preamble and plan.preamble.startswith("প্রাতিষ্ঠানিক")
    assert [(s.party, s.signed_on, s.role) for s in plan.signatures] == [
        (Party(*OFFICE), dt.date(2022, 6, 30), "office"),
        (Party(*SUPERVISOR), dt.date(2022, 6, 30), "supervisor")]
    assert not _codes(result) & {FlagCode.HEADING_SIMILAR, FlagCode.SIGNATURE_ROLE,
                                 FlagCode.UNREADABLE}


def test_headings_typed_with_slips_are_read_and_flagged_with_what_was_read() -> None:
    section1 = ["1.1 রুপকল্প", "টেকসই কৃষি ও খাদ্য নিরাপত্তা",
                "অভিলক্ষ: আধুনিক প্রযুক্তি সম্প্রসারণের মাধ্যমে ফসলের উৎপাদন বৃদ্ধি।",
                "1.4 কার্যাবলী", "- কৃষকদের প্রশিক্ষণ প্রদান।", "- বীজ ও সার বিতরণ তদারকি।"]
    preamble = ["প্রস্তবনা", *PREAMBLE[1:]]
    result = import_bytes(_apa(preamble + section1, SIGNED), "apa.txt")
    plan = result.plans[0]
    assert plan.vision == "টেকসই কৃষি ও খাদ্য নিরাপত্তা"
    assert plan.mission == "আধুনিক প্রযুক্তি সম্প্রসারণের মাধ্যমে ফসলের উৎপাদন বৃদ্ধি।"
    assert plan.functions == ("কৃষকদের প্রশিক্ষণ প্রদান।", "বীজ ও সার বিতরণ তদারকি।")
    assert plan.preamble_parties == (Party(*OFFICE), Party(*SUPERVISOR))
    flagged = {f.place.split(" / ", 1)[1]: f for f in result.flags
               if f.code is FlagCode.HEADING_SIMILAR}
    # "কার্যাবলী" is a spelling the form's vocabulary knows: read as written, not flagged
    assert set(flagged) == {"vision", "mission", "preamble"}
    assert flagged["vision"].written == "রুপকল্প" and flagged["vision"].kept == "রূপকল্প"
    assert "রুপকল্প" in flagged["vision"].reason_bn and "vision" in flagged["vision"].reason_en
    assert flagged["preamble"].source.line is not None


def test_a_part_whose_heading_is_missing_stays_empty() -> None:
    section1 = ["টেকসই কৃষি ও খাদ্য নিরাপত্তা", "১.৪ কার্যাবলি", "১. কৃষকদের প্রশিক্ষণ প্রদান।"]
    plan = import_bytes(_apa(section1, []), "apa.txt").plans[0]
    assert plan.vision == "" and plan.mission == "" and plan.preamble == ""
    assert plan.functions == ("কৃষকদের প্রশিক্ষণ প্রদান।",)
    assert plan.signatures == ()


def test_without_cover_or_preamble_the_second_block_is_the_supervisors_and_flagged() -> None:
    result = import_bytes(_apa(SECTION1, SIGNED), "apa.txt")
    plan = result.plans[0]
    assert [s.role for s in plan.signatures] == ["office", "supervisor"]
    (flag,) = [f for f in result.flags if f.code is FlagCode.SIGNATURE_ROLE]
    assert flag.place.endswith("signatures[1] / role") and SUPERVISOR[0] in flag.reason_en


def test_a_signing_date_that_cannot_be_read_is_flagged_and_not_invented() -> None:
    signed = ["স্বাক্ষরিত:", *OFFICE, "তারিখ: ৩১.১৩.২০২২", *SUPERVISOR, "তারিখ:"]
    result = import_bytes(_apa(PREAMBLE + SECTION1, signed), "apa.txt")
    plan = result.plans[0]
    assert [(s.party, s.signed_on) for s in plan.signatures] == [
        (Party(*OFFICE), None), (Party(*SUPERVISOR), None)]
    (flag,) = [f for f in result.flags if f.code is FlagCode.UNREADABLE]
    assert flag.place.endswith("signatures[0] / signed_on") and flag.written == "৩১.১৩.২০২২"


def test_generated_apas_give_their_written_parts_and_flag_only_what_was_repaired() -> None:
    """APAs of the corpus (tests/importers/corpus/front.py) in text, Word and Excel: every
    written part is read, a heading is flagged only where its words were damaged, and the
    signature role only where neither the cover nor the preamble names the supervisor."""
    import random

    from tests.importers.corpus.samples import sample
    from tests.importers.corpus.score import compare

    rng = random.Random(11)
    fronts = similar = by_order = 0
    for i in range(18):
        s = sample(rng, i, ("txt", "docx", "xlsx")[i % 3], kind="apa")
        result = import_bytes(s.data, s.name)
        score = compare(s.expected, list(result.plans))
        assert not [m for m in score.misses if m.startswith("front")], (s.name, score.misses)
        front = s.expected.front
        fronts += front is not None
        for f in result.flags:
            if f.code is FlagCode.HEADING_SIMILAR:
                similar += 1
                assert s.layout.header_noise > 0 and f.written != f.kept, (s.name, f)
            if f.code is FlagCode.SIGNATURE_ROLE:
                by_order += 1
                assert front is not None and not front.supervisor_named, s.name
        if front is not None and not front.supervisor_named:
            assert FlagCode.SIGNATURE_ROLE in _codes(result), s.name
    assert fronts >= 8 and similar and by_order  # the corpus does test each case


def test_a_supervisor_named_otherwise_than_its_block_still_signs_second_and_is_flagged() -> None:
    # the preamble names the supervisor with its office spelled out; the block abbreviates it
    signed = ["স্বাক্ষরিত:", *OFFICE, "৩০.০৬.২০২২", "তারিখ", "উপপরিচালক", "ডিএই, ঝিনাইদহ",
              "৩০.০৬.২০২২", "তারিখ"]
    result = import_bytes(_apa(PREAMBLE + SECTION1, signed), "apa.txt")
    plan = result.plans[0]
    assert [s.role for s in plan.signatures] == ["office", "supervisor"]
    (flag,) = [f for f in result.flags if f.code is FlagCode.SIGNATURE_ROLE]
    assert SUPERVISOR[1] in flag.reason_en and "ডিএই, ঝিনাইদহ" in flag.reason_bn


def test_word_signature_blocks_side_by_side_without_a_signing_line_are_read() -> None:
    import io

    import docx

    document = docx.Document()
    for line in [*PREAMBLE, *SECTION1, "বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩",
                 f"দপ্তর/সংস্থার নাম: {OFFICE[1]}"]:
        document.add_paragraph(line)
    rows = [r.split("\t") for r in TABLE]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("স্বাক্ষরিত:")
    blocks = document.add_table(rows=1, cols=2)
    blocks.cell(0, 0).text = "\n".join([*OFFICE, "৩০.০৬.২০২২", "তারিখ"])
    blocks.cell(0, 1).text = "\n".join(["মোঃ করিম", *SUPERVISOR, "তারিখ: ০১.০৭.২০২২"])
    out = io.BytesIO()
    document.save(out)
    result = import_bytes(out.getvalue(), "apa.docx")
    plan = result.plans[0]
    assert [(s.party, s.signed_on, s.role) for s in plan.signatures] == [
        (Party(*OFFICE), dt.date(2022, 6, 30), "office"),
        (Party(*SUPERVISOR, name="মোঃ করিম"), dt.date(2022, 7, 1), "supervisor")]
    assert FlagCode.TABLE_SKIPPED not in _codes(result)
