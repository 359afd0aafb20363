"""The APA's written parts around section 3, as offices print them: a cover naming both
parties, the preamble, section 1 (vision, mission, areas, functions) before the table; the
commitments and the signature blocks after it. Headings vary (numbered or not, the English
word in brackets, the text after a colon) and carry the layout's header noise; signatures are
one line each or printed line by line. `ExpectedFront` is what the import must read.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tests.importers.corpus.layout import Grid, Layout
from tests.importers.corpus.noise import damage, digits
from tests.importers.corpus.plans import Expected

VISIONS = ("জ্ঞানভিত্তিক অর্থনীতি ও সুশাসন প্রতিষ্ঠায় তথ্য প্রযুক্তির ব্যবহার",
           "টেকসই কৃষি ও খাদ্য নিরাপত্তা", "সকলের জন্য মানসম্মত শিক্ষা",
           "দক্ষ, স্বচ্ছ ও জবাবদিহিমূলক জনপ্রশাসন", "সমবায়ের মাধ্যমে টেকসই উন্নয়ন",
           "সুস্থ, সবল ও কর্মক্ষম জনগোষ্ঠী")
MISSIONS = ("তথ্য প্রযুক্তি খাতের সর্বোত্তম ব্যবহার নিশ্চিত করে সুশাসন প্রতিষ্ঠা।",
            "আধুনিক প্রযুক্তি সম্প্রসারণের মাধ্যমে ফসলের উৎপাদন বৃদ্ধি।",
            "প্রশিক্ষিত জনবল ও সমন্বিত সেবার মাধ্যমে নাগরিক সেবা সহজীকরণ।",
            "স্বচ্ছতা ও জবাবদিহি নিশ্চিত করে দ্রুত ও মানসম্মত সেবা প্রদান।")
FUNCTIONS = ("সরকারি দপ্তরে আইসিটির ব্যবহার নিশ্চিতকরণ ও সমন্বয় সাধন।",
             "কৃষকদের প্রশিক্ষণ প্রদান।", "বীজ ও সার বিতরণ তদারকি।",
             "আওতাধীন অফিসসমূহ পরিদর্শন ও পরামর্শ প্রদান।",
             "নাগরিক সেবা সহজীকরণ ও ডিজিটাইজেশন।", "অভিযোগ নিষ্পত্তি ও তথ্য প্রদান।",
             "বার্ষিক প্রতিবেদন প্রণয়ন ও প্রকাশ।")
POSTS = ("উপজেলা নির্বাহী অফিসার", "জেলা প্রশাসক", "সহকারী পরিচালক", "উপজেলা কৃষি অফিসার",
         "জেলা শিক্ষা অফিসার", "অধ্যক্ষ", "প্রোগ্রামার", "উপজেলা সমবায় অফিসার")
SUPERVISORS = (("মহাপরিচালক", "কৃষি সম্প্রসারণ অধিদপ্তর"),
               ("বিভাগীয় কমিশনার", "বিভাগীয় কমিশনারের কার্যালয়, খুলনা"),
               ("পরিচালক", "মাধ্যমিক ও উচ্চ শিক্ষা অধিদপ্তর"),
               ("মহাপরিচালক", "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর"),
               ("জেলা সমবায় অফিসার", "জেলা সমবায় কার্যালয়, রংপুর"))
# (heading words, English word) per part
HEADINGS = {"vision": ("রূপকল্প", "Vision"), "mission": ("অভিলক্ষ্য", "Mission"),
            "areas": ("কর্মসম্পাদনের ক্ষেত্র", ""), "functions": ("কার্যাবলি", "Functions")}
PREAMBLE_OPENING = ("মন্ত্রণালয়/বিভাগসমূহ এবং আওতাধীন দপ্তর/সংস্থাসমূহের প্রাতিষ্ঠানিক দক্ষতা বৃদ্ধি, "
                    "স্বচ্ছতা ও জবাবদিহি জোরদার করার লক্ষ্যে-")


@dataclass(frozen=True, slots=True)
class ExpectedSignature:
    post: str
    office: str
    signed_on: dt.date
    role: str  # "office" | "supervisor"


@dataclass(frozen=True, slots=True)
class ExpectedFront:
    vision: str
    mission: str
    functions: tuple[str, ...]
    parties: tuple[tuple[str, str], ...]  # (post, office) of the office and its supervisor
    signatures: tuple[ExpectedSignature, ...]
    supervisor_named: bool  # on the cover or in the preamble (else the form's order tells)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    before: list[str]  # lines before the plan's title and table
    after: list[str]  # lines after the table
    expected: ExpectedFront


def _heading(rng: random.Random, part: str, number: str, script: str, noise: float
             ) -> tuple[str, bool]:
    """A part's heading in one of the ways offices print it; True when its text follows
    after a colon on the same line."""
    words, english = HEADINGS[part]
    text = damage(rng, words, noise)
    if english and rng.random() < 0.5:
        text += f" ({english})"
    if rng.random() < 0.7:
        text = f"{digits(rng, number, script)} {text}"
    inline = part in ("vision", "mission") and rng.random() < 0.3
    return text + (":" if inline else ""), inline


def _part(rng: random.Random, part: str, number: str, body: str, script: str,
          noise: float) -> list[str]:
    head, inline = _heading(rng, part, number, script, noise)
    return [f"{head} {body}"] if inline else [head, body]


def _signature_lines(rng: random.Random, post: str, office: str, when: dt.date, script: str,
                     one_line: bool) -> list[str]:
    date = digits(rng, when.strftime(rng.choice(("%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"))), script)
    if one_line:
        return [f"{post} / {office} / তারিখ: {date}"]
    return [post, office, date, "তারিখ"]


def front_matter(plan: Expected, rng: random.Random, script: str, noise: float) -> FrontMatter:
    """The written parts of an APA: `script` is the layout's digits, `noise` its header
    noise (applied to the headings; the texts stay as written)."""
    start = int(plan.fiscal_year[:4])
    post = rng.choice(POSTS)
    office = plan.office
    sup_post, sup_office = rng.choice(SUPERVISORS)
    vision, mission = rng.choice(VISIONS), rng.choice(MISSIONS)
    functions = tuple(rng.sample(FUNCTIONS, rng.randint(2, 5)))
    parties = ((post, office), (sup_post, sup_office))
    before: list[str] = []
    cover = rng.random() < 0.5
    if cover:
        before += ["গণপ্রজাতন্ত্রী বাংলাদেশ সরকার", f"{post}, {office}", "এবং",
                   f"{sup_post}, {sup_office}-এর মধ্যে স্বাক্ষরিত", "বার্ষিক কর্মসম্পাদন চুক্তি",
                   digits(rng, f"জুলাই ১, {start} - জুন ৩০, {start + 1}", script)]
    preamble = rng.random() < 0.7
    if preamble:
        before += [damage(rng, rng.choice(("প্রস্তাবনা", "প্রস্তাবনা (Preamble)")), noise),
                   PREAMBLE_OPENING, f"{post}, {office}", "এবং",
                   f"{sup_post}, {sup_office}-এর মধ্যে {digits(rng, str(start), script)} সালের "
                   "........ মাসের ........ তারিখে এই বার্ষিক কর্মসম্পাদন চুক্তি স্বাক্ষরিত হল।",
                   "এই চুক্তিতে স্বাক্ষরকারী উভয়পক্ষ নিম্নলিখিত বিষয়সমূহে সম্মত হলেন:"]
    before.append(digits(rng, rng.choice(("সেকশন ১", "সেকশন ১:")), script))
    before += _part(rng, "vision", "১.১", vision, script, noise)
    before += _part(rng, "mission", "১.২", mission, script, noise)
    before += _part(rng, "areas", "১.৩", "", script, noise)[:1]
    before += [digits(rng, f"{k}. {a.name}", script) for k, a in enumerate(plan.areas, start=1)]
    before += _part(rng, "functions", "১.৪", "", script, noise)[:1]
    bullet = rng.random() < 0.3
    before += [f"- {f}" if bullet else digits(rng, f"{k}. {f}", script)
               for k, f in enumerate(functions, start=1)]
    signed = dt.date(start, 6, rng.randint(20, 30))
    one_line = rng.random() < 0.5
    after = ["*সাময়িক (provisional) তথ্য",
             f"আমি, {post}, {office}, {sup_post}, {sup_office}-এর নিকট অঙ্গীকার করছি যে এই "
             "চুক্তিতে বর্ণিত লক্ষ্যমাত্রা অর্জনে সচেষ্ট থাকব।",
             "স্বাক্ষরিত:",
             *_signature_lines(rng, post, office, signed, script, one_line),
             *_signature_lines(rng, sup_post, sup_office, signed, script, one_line)]
    expected = ExpectedFront(vision, mission, functions, parties if preamble else (),
                             (ExpectedSignature(post, office, signed, "office"),
                              ExpectedSignature(sup_post, sup_office, signed, "supervisor")),
                             cover or preamble)
    return FrontMatter(before, after, expected)


def add_front_matter(plan: Expected, grid: Grid, layout: Layout, rng: random.Random) -> None:
    """Most APAs print their written parts around section 3 (some files hold the table
    alone): put them before the title and after the table, and what to read into `plan`."""
    if rng.random() < 0.15:
        return
    fm = front_matter(plan, rng, layout.digits, layout.header_noise)
    grid.title = fm.before + grid.title
    grid.after = fm.after
    plan.front = fm.expected
