"""A synthetic country's office tree and people, deterministic from a seed.

The proportions follow Bangladesh's administration: ~60 ministries and divisions, ~350
directorates and agencies under them, field directorates with an office in each of the 8
divisions, the 64 districts and (for the larger ones) the 495 upazilas, and institutions
(colleges, hospitals, training centres) under some directorates. With the defaults that is
about 24,500 offices and 50,000 people: an office head and an APA focal point in every office,
a supervisor in every office with offices below it, an administrator in each ministry.

The rows have the columns of the onboarding files (`onboarding_files.OFFICE_COLUMNS`,
`PEOPLE_COLUMNS`), so `kormo_make_national`, the tests and the benchmarks load them through
the same `onboarding.onboard` that loads a real country.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kormo.domain.digits import to_bengali_digits
from kormo.offices.onboarding_files import OFFICE_COLUMNS, PEOPLE_COLUMNS

DIVISIONS = 8
DISTRICTS = 64
UPAZILAS = 495


@dataclass(frozen=True, slots=True)
class Country:
    offices: list[dict[str, str]]
    people: list[dict[str, str]]


def _bn(n: int) -> str:
    return to_bengali_digits(str(n))


def districts() -> list[tuple[int, int]]:
    """(district, division) for the 64 districts, spread over the 8 divisions."""
    return [(d, d * DIVISIONS // DISTRICTS) for d in range(DISTRICTS)]


def upazilas() -> list[tuple[int, int]]:
    """(upazila, district) for the 495 upazilas: 7 or 8 per district."""
    return [(u, u * DISTRICTS // UPAZILAS) for u in range(UPAZILAS)]


def make_country(seed: int = 1, *, ministries: int = 58, directorates: int = 350,
                 field_directorates: int = 40, upazila_directorates: int = 40,
                 institutions: int = 1_200) -> Country:
    """The office rows (parents before children) and the people rows."""
    rng = random.Random(seed)
    offices: list[dict[str, str]] = []

    def office(code: str, bn: str, en: str, tier: str, parent: str = "",
               district: str = "", upazila: str = "") -> str:
        offices.append({"code": code, "name_bn": bn, "name_en": en, "tier": tier,
                        "parent_code": parent, "district": district, "upazila": upazila})
        return code

    district_name = {d: f"জেলা {_bn(d + 1)}" for d in range(DISTRICTS)}
    upazila_name = {u: f"উপজেলা {_bn(u + 1)}" for u in range(UPAZILAS)}
    mins = [office(f"min-{m:03d}", f"মন্ত্রণালয় {_bn(m + 1)}", f"Ministry {m + 1}", "ministry")
            for m in range(ministries)]
    dirs = []
    for k in range(directorates):
        parent = mins[k % ministries] if k < ministries else rng.choice(mins)
        dirs.append(office(f"dir-{k:03d}", f"অধিদপ্তর {_bn(k + 1)}", f"Directorate {k + 1}",
                           "directorate", parent))
    field = rng.sample(dirs, field_directorates)
    with_upazilas = set(rng.sample(field, upazila_directorates))
    for d in field:
        n = d.removeprefix("dir-")
        div_codes = [office(f"{d}-div-{v}", f"বিভাগীয় কার্যালয় {_bn(v + 1)}, অধিদপ্তর {n}",
                            f"Divisional office {v + 1}, directorate {n}", "division", d)
                     for v in range(DIVISIONS)]
        dist_codes = {}
        for dist, div in districts():
            dist_codes[dist] = office(
                f"{d}-dist-{dist:02d}", f"{district_name[dist]} কার্যালয়, অধিদপ্তর {n}",
                f"District {dist + 1} office, directorate {n}", "district", div_codes[div],
                district=district_name[dist])
        if d in with_upazilas:
            for up, dist in upazilas():
                office(f"{d}-upz-{up:03d}", f"{upazila_name[up]} কার্যালয়, অধিদপ্তর {n}",
                       f"Upazila {up + 1} office, directorate {n}", "upazila", dist_codes[dist],
                       district=district_name[dist], upazila=upazila_name[up])
    for i in range(institutions):
        parent = rng.choice(dirs)
        dist = rng.randrange(DISTRICTS)
        office(f"inst-{i:04d}", f"প্রতিষ্ঠান {_bn(i + 1)}", f"Institution {i + 1}",
               "institution", parent, district=district_name[dist])
    return Country(offices, _people(offices, rng))


def _people(offices: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    has_children = {o["parent_code"] for o in offices if o["parent_code"]}
    people: list[dict[str, str]] = []
    serial = 0

    def person(office_code: str, role: str, post: str) -> None:
        nonlocal serial
        serial += 1
        people.append({"name": f"কর্মকর্তা {_bn(serial)}", "post": post,
                       "email": f"person{serial:06d}@example.gov.bd",
                       "mobile": f"01{rng.randint(3, 9)}{rng.randrange(10**8):08d}",
                       "office_code": office_code, "role": role})

    for o in offices:
        person(o["code"], "office_head", "অফিস প্রধান")
        person(o["code"], "focal_point", "প্রোগ্রামার")
        if o["code"] in has_children:
            person(o["code"], "supervisor", "পরিচালক")
        if o["tier"] == "ministry":
            person(o["code"], "administrator", "সিনিয়র সহকারী সচিব")
    return people


def write_csv(path: str | Path, columns: Iterable[str], rows: Iterable[Mapping[str, str]]
              ) -> Path:
    """Rows as an onboarding CSV file (UTF-8, header first)."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_country(country: Country, folder: str | Path) -> tuple[Path, Path]:
    """The country as the two onboarding CSV files (offices.csv, people.csv) in `folder`."""
    folder = Path(folder)
    return (write_csv(folder / "offices.csv", OFFICE_COLUMNS, country.offices),
            write_csv(folder / "people.csv", PEOPLE_COLUMNS, country.people))
