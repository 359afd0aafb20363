"""Onboarding a country: the office tree and the people with their roles, from two tables.

`onboard(offices=..., people=...)` upserts by codes (an office by its code, a person by their
e-mail, a role by person, office and role), so running the same files again changes nothing
and a corrected file updates what it names. It never deletes: an office or a role missing from
a file stays.

Everything is checked before anything is written: every row's problems come back in Bengali
and English (`Problem`), and if there is one, nothing is saved. The writes are bulk inserts
and updates in chunks inside one transaction, with a fixed number of reads (the whole office
table, the accounts and the roles are loaded once), so 24,000 offices and 50,000 people load
in seconds, not hours (bench/national.py measures it).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from kormo.domain.digits import to_bengali_digits, to_latin_digits
from kormo.domain.plan import Tier
from kormo.offices.bulk_sql import defaults, insert_rows, reserve_ids
from kormo.offices.models import Membership, Office, Profile, Role
from kormo.offices.onboarding_files import (
    OFFICE_REQUIRED,
    PEOPLE_REQUIRED,
    Table,
    read_table,
)

CHUNK = 1000
_CODE = re.compile(r"^[-\w]+\Z")
# +880 1XXX, 01XXX, or 1XXX as Excel keeps a number typed without its leading zero.
_MOBILE = re.compile(r"^(?:\+?880|0)?(1[3-9]\d{8})$")

# What a file may write for a tier or a role: the code, its English name or its Bengali name.
TIER_WORDS: dict[str, Tier] = {}
for _tier, _names in {
    Tier.MINISTRY: ("ministry", "ministry/division", "মন্ত্রণালয়", "মন্ত্রণালয়/বিভাগ"),
    Tier.DIRECTORATE: ("directorate", "directorate/agency", "agency", "অধিদপ্তর",
                       "অধিদপ্তর/সংস্থা", "সংস্থা"),
    Tier.DIVISION: ("division", "divisional office", "বিভাগীয় কার্যালয়"),
    Tier.DISTRICT: ("district", "district office", "জেলা", "জেলা কার্যালয়"),
    Tier.UPAZILA: ("upazila", "upazila office", "উপজেলা", "উপজেলা কার্যালয়"),
    Tier.INSTITUTION: ("institution", "প্রতিষ্ঠান"),
}.items():
    TIER_WORDS.update({n: _tier for n in _names})
ROLE_WORDS: dict[str, Role] = {}
for _role, _names in {
    Role.FOCAL_POINT: ("focal_point", "focal point", "apa focal point", "ফোকাল পয়েন্ট",
                       "এপিএ ফোকাল পয়েন্ট"),
    Role.OFFICE_HEAD: ("office_head", "office head", "head", "অফিস প্রধান"),
    Role.SUPERVISOR: ("supervisor", "তত্ত্বাবধায়ক"),
    Role.ADMINISTRATOR: ("administrator", "admin", "প্রশাসক"),
}.items():
    ROLE_WORDS.update({n: _role for n in _names})


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one cell of one row."""

    file: str  # "offices" or "people"
    row: int
    column: str
    bn: str
    en: str

    def line(self) -> str:
        where_bn = f"{self.file} সারি {to_bengali_digits(str(self.row))}, {self.column}"
        return f"{where_bn}: {self.bn} / {self.file} row {self.row}, {self.column}: {self.en}"

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column,
                "message_bn": self.bn, "message_en": self.en}


@dataclass
class OnboardResult:
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    offices_created: int = 0
    offices_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    roles_created: int = 0
    roles_updated: int = 0
    new_user_ids: list[int] = field(default_factory=list)  # to invite (set a password)

    @property
    def saved(self) -> bool:
        return not self.problems and not self.dry_run

    def to_json(self) -> dict[str, object]:
        return {"saved": self.saved, "dry_run": self.dry_run,
                "problems": [p.to_json() for p in self.problems],
                **{k: getattr(self, k) for k in (
                    "offices_created", "offices_updated", "people_created", "people_updated",
                    "roles_created", "roles_updated")}}


# ---------------------------------------------------------------- checking rows


@dataclass(frozen=True, slots=True)
class OfficeRow:
    row: int
    code: str
    name: str
    name_en: str
    tier: Tier
    parent_code: str
    district: str
    upazila: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    row: int
    name: str
    post: str
    email: str
    mobile: str
    office_code: str
    role: Role


def _word(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("_", " "))


def check_offices(table: Table, known: dict[str, str]) -> tuple[list[OfficeRow], list[Problem]]:
    """The rows of the office table, and every problem. `known`: code → parent code of the
    offices already stored (a parent may be one of them; a change must not make a loop)."""
    problems: list[Problem] = []
    rows: list[OfficeRow] = []
    seen: dict[str, int] = {}
    links: list[tuple[int, str, str]] = []  # (row, code, parent code) of every coded row

    def bad(n: int, column: str, bn: str, en: str) -> None:
        problems.append(Problem(table.label, n, column, bn, en))

    for n, r in table.rows:
        code, name, tier_text = r.get("code", ""), r.get("name_bn", ""), r.get("tier", "")
        ok = True
        if not code:
            bad(n, "code", "অফিসের কোড নেই", "the office code is missing")
            ok = False
        elif len(code) > 100 or not _CODE.match(code):
            bad(n, "code", f"“{code}” কোড হিসেবে চলে না (অক্ষর, অঙ্ক, - ও _; ১০০টির মধ্যে)",
                f"“{code}” is not a valid code (letters, digits, - and _; at most 100)")
            ok = False
        elif code in seen:
            bad(n, "code", f"কোড “{code}” আগেও আছে (সারি {to_bengali_digits(str(seen[code]))})",
                f"code “{code}” is repeated (first on row {seen[code]})")
            ok = False
        if not name:
            bad(n, "name_bn", "অফিসের বাংলা নাম নেই", "the office's Bengali name is missing")
            ok = False
        tier = TIER_WORDS.get(_word(tier_text))
        if tier is None:
            bad(n, "tier", f"“{tier_text}” স্তর নয় (মন্ত্রণালয়, অধিদপ্তর, বিভাগীয়, জেলা, "
                f"উপজেলা কার্যালয় বা প্রতিষ্ঠান)",
                f"“{tier_text}” is not a tier (ministry, directorate, division, district, "
                f"upazila or institution)")
            ok = False
        for column in ("district", "upazila"):
            if len(r.get(column, "")) > 100:
                bad(n, column, "নামটি ১০০ অক্ষরের বেশি", "the name is longer than 100 characters")
                ok = False
        if code and code not in seen:
            seen[code] = n
            links.append((n, code, r.get("parent_code", "")))
        if ok:
            rows.append(OfficeRow(n, code, name, r.get("name_en", ""), tier,  # type: ignore[arg-type]
                                  r.get("parent_code", ""), r.get("district", ""),
                                  r.get("upazila", "")))
    parents = dict(known)
    parents.update({code: parent for _, code, parent in links})
    for n, code, parent in links:
        if not parent:
            continue
        if parent not in parents:
            bad(n, "parent_code", f"ঊর্ধ্বতন অফিস “{parent}” ফাইলে বা ডাটাবেজে নেই",
                f"the supervising office “{parent}” is neither in the file nor stored")
            continue
        # Walk up: reaching this office again means the file puts it under itself.
        step, hops = parent, 0
        while step and step != code and hops <= len(parents):
            step, hops = parents.get(step, ""), hops + 1
        if step == code:
            bad(n, "parent_code", "অফিসটি নিজের বা নিজের অধীন অফিসের অধীনে পড়ে",
                "the office would be under itself or an office below it")
    bad_rows = {p.row for p in problems}
    return [o for o in rows if o.row not in bad_rows], problems


def _mobile(text: str) -> str | None:
    digits = re.sub(r"[\s\-()]", "", to_latin_digits(text))
    m = _MOBILE.match(digits)
    return f"0{m.group(1)}" if m else None


def check_people(table: Table, office_codes: set[str]) -> tuple[list[PersonRow], list[Problem]]:
    """The rows of the people table, and every problem; `office_codes`: offices in the
    office file or stored."""
    problems: list[Problem] = []
    rows: list[PersonRow] = []
    names: dict[str, tuple[str, int]] = {}

    def bad(n: int, column: str, bn: str, en: str) -> None:
        problems.append(Problem(table.label, n, column, bn, en))

    for n, r in table.rows:
        before = len(problems)
        name, email = r.get("name", ""), r.get("email", "").lower()
        office_code, role_text = r.get("office_code", ""), r.get("role", "")
        if not name:
            bad(n, "name", "নাম নেই", "the name is missing")
        elif len(name) > 150:
            bad(n, "name", "নামটি ১৫০ অক্ষরের বেশি", "the name is longer than 150 characters")
        try:
            validate_email(email)
            if len(email) > 150:
                raise ValidationError("too long")
        except ValidationError:
            bad(n, "email", f"“{email}” ই-মেইল ঠিকানা নয়", f"“{email}” is not an e-mail address")
        mobile = _mobile(r.get("mobile", "")) if r.get("mobile") else ""
        if mobile is None:
            bad(n, "mobile", f"“{r['mobile']}” মোবাইল নম্বর নয় (যেমন ০১৭১২৩৪৫৬৭৮)",
                f"“{r['mobile']}” is not a mobile number (e.g. 01712345678)")
        if office_code not in office_codes:
            bad(n, "office_code", f"অফিস “{office_code}” ফাইলে বা ডাটাবেজে নেই",
                f"office “{office_code}” is neither in the office file nor stored")
        role = ROLE_WORDS.get(_word(role_text))
        if role is None:
            bad(n, "role", f"“{role_text}” ভূমিকা নয় (ফোকাল পয়েন্ট, অফিস প্রধান, তত্ত্বাবধায়ক "
                f"বা প্রশাসক)", f"“{role_text}” is not a role (focal point, office head, "
                f"supervisor or administrator)")
        if email and name:
            first = names.setdefault(email, (name, n))
            if first[0] != name:
                bad(n, "name", f"একই ই-মেইলে অন্য নাম (সারি {to_bengali_digits(str(first[1]))})",
                    f"another name for the same e-mail (row {first[1]})")
        if len(problems) == before:
            rows.append(PersonRow(n, name, r.get("post", ""), email, mobile or "",
                                  office_code, role))  # type: ignore[arg-type]
    return rows, problems


# ---------------------------------------------------------------- saving


def _paths(parent_of: dict[int, int | None]) -> dict[int, str]:
    """The materialised path of every office from the id → parent id map (no loops: checked)."""
    paths: dict[int, str] = {}
    for start in parent_of:
        chain: list[int] = []
        node: int | None = start
        while node is not None and node not in paths:
            chain.append(node)
            node = parent_of.get(node)
        prefix = paths[node] if node is not None else "/"
        for pk in reversed(chain):
            prefix = f"{prefix}{pk}/"
            paths[pk] = prefix
    return paths


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:  # type: ignore[type-arg]
    for i in range(0, len(items), size):
        yield items[i:i + size]


OFFICE_FIELDS = ("name", "name_en", "tier", "parent_id", "district", "upazila", "path")


def _save_offices(rows: list[OfficeRow], result: OnboardResult) -> dict[str, int]:
    """Upsert the offices; returns code → id of every stored office."""
    stored = {o.code: o for o in Office.objects.only(*OFFICE_FIELDS, "code")}
    new = [Office(pk=pk, code=o.code) for pk, o in zip(
        reserve_ids(Office, sum(1 for o in rows if o.code not in stored)),
        (o for o in rows if o.code not in stored), strict=True)]
    new_codes = {o.code for o in new}
    stored.update({o.code: o for o in new})
    changed: dict[str, Office] = {}
    for r in rows:
        office = stored[r.code]
        values = {"name": r.name, "name_en": r.name_en, "tier": r.tier.value,
                  "parent_id": stored[r.parent_code].pk if r.parent_code else None,
                  "district": r.district, "upazila": r.upazila}
        if any(getattr(office, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(office, k, v)
            changed[r.code] = office
    by_id = {o.pk: o for o in stored.values()}
    for pk, path in _paths({o.pk: o.parent_id for o in stored.values()}).items():
        office = by_id[pk]
        if office.path != path:
            office.path = path
            changed[office.code] = office
    base = defaults(Office)
    insert_rows(Office, ({**base, **{f.attname: getattr(o, f.attname)
                                     for f in Office._meta.concrete_fields}} for o in new))
    updates = [o for code, o in changed.items() if code not in new_codes]
    for chunk in _chunks(updates):
        Office.objects.bulk_update(chunk, ["name", "name_en", "tier", "parent", "district",
                                           "upazila", "path"])
    file_codes = {r.code for r in rows}
    result.offices_created = len(new)
    result.offices_updated = sum(1 for o in updates if o.code in file_codes)
    return {code: o.pk for code, o in stored.items()}


def unusable_password() -> str:
    """What `make_password(None)` stores (no password can match), 100 times faster: the
    person sets a password through the invitation."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20)


def _save_people(rows: list[PersonRow], office_ids: dict[str, int],
                 result: OnboardResult) -> None:
    User = get_user_model()
    users: dict[str, Any] = {}
    for u in User.objects.only("pk", "username", "email", "first_name"):
        # A person is their e-mail: an account named by it, or one with that address.
        users.setdefault(u.username.lower(), u)
        if u.email:
            users.setdefault(u.email.lower(), u)
    people: dict[str, PersonRow] = {}
    for r in rows:
        people.setdefault(r.email, r)
    fresh = [(e, r) for e, r in people.items() if e not in users]
    base = {**defaults(User), "date_joined": timezone.now()}
    new_rows = [{**base, "id": pk, "username": e, "email": e, "first_name": r.name,
                 "password": unusable_password()}
                for pk, (e, r) in zip(reserve_ids(User, len(fresh)), fresh, strict=True)]
    insert_rows(User, new_rows)
    new = [User(pk=row["id"], username=row["username"]) for row in new_rows]
    renamed: dict[int, Any] = {}
    for e, r in people.items():
        u = users.get(e)
        if u is not None and u.first_name != r.name:
            u.first_name = r.name
            renamed[u.pk] = u
    for chunk in _chunks(list(renamed.values())):
        User.objects.bulk_update(chunk, ["first_name"])
    users.update({u.username: u for u in new})
    result.people_created, result.people_updated = len(new), len(renamed)
    result.new_user_ids = [u.pk for u in new]

    # Mobile numbers: one profile per person.
    profiles = {p.user_id: p for p in Profile.objects.all()}
    add_p, set_p = [], []
    for e, r in people.items():
        uid = users[e].pk
        p = profiles.get(uid)
        if p is None:
            add_p.append(Profile(user_id=uid, mobile=r.mobile))
        elif r.mobile and p.mobile != r.mobile:
            p.mobile = r.mobile
            set_p.append(p)
    base = defaults(Profile)
    insert_rows(Profile, ({**base, "id": pk, "user_id": p.user_id, "mobile": p.mobile}
                          for pk, p in zip(reserve_ids(Profile, len(add_p)), add_p, strict=True)))
    for chunk in _chunks(set_p):
        Profile.objects.bulk_update(chunk, ["mobile"])

    held = {(m.user_id, m.office_id, m.role): m
            for m in Membership.objects.only("pk", "user_id", "office_id", "role", "post")}
    add_m: dict[tuple[int, int, str], Membership] = {}
    set_m: dict[int, Membership] = {}
    for r in rows:
        key = (users[r.email].pk, office_ids[r.office_code], r.role.value)
        m = held.get(key)
        if m is None:
            add_m[key] = Membership(user_id=key[0], office_id=key[1], role=key[2], post=r.post)
        elif m.post != r.post and r.post:
            m.post = r.post
            set_m[m.pk] = m
    base = defaults(Membership)
    insert_rows(Membership, (
        {**base, "id": pk, "user_id": m.user_id, "office_id": m.office_id, "role": m.role,
         "post": m.post}
        for pk, m in zip(reserve_ids(Membership, len(add_m)), add_m.values(), strict=True)))
    for chunk in _chunks(list(set_m.values())):
        Membership.objects.bulk_update(chunk, ["post"])
    result.roles_created, result.roles_updated = len(add_m), len(set_m)


def onboard(*, offices: str | None = None, people: str | None = None,
            dry_run: bool = False) -> OnboardResult:
    """Check both files, then (unless `dry_run` or a problem was found) save them in one
    transaction. Raises InputError (bn, en) for a file that cannot be read at all."""
    result = OnboardResult(dry_run=dry_run)
    known = dict(Office.objects.values_list("code", "parent__code"))
    known = {c: p or "" for c, p in known.items()}
    office_rows: list[OfficeRow] = []
    codes = set(known)
    if offices:
        table = read_table(offices, "offices", OFFICE_REQUIRED)
        office_rows, problems = check_offices(table, known)
        result.problems += problems
        # An office row with a problem still names an office: its people are not reported too.
        codes |= {r.get("code", "") for _, r in table.rows}
    person_rows: list[PersonRow] = []
    if people:
        person_rows, problems = check_people(read_table(people, "people", PEOPLE_REQUIRED),
                                             codes)
        result.problems += problems
    if result.problems:
        return result
    if dry_run:
        stored = {r[0]: r[1:] for r in Office.objects.values_list(
            "code", "name", "name_en", "tier", "parent__code", "district", "upazila")}
        result.offices_created = sum(1 for o in office_rows if o.code not in stored)
        result.offices_updated = sum(
            1 for o in office_rows if o.code in stored and stored[o.code] != (
                o.name, o.name_en, o.tier.value, o.parent_code or None, o.district, o.upazila))
        return result
    with transaction.atomic():
        office_ids = _save_offices(office_rows, result)  # also every stored office's id
        if person_rows:
            _save_people(person_rows, office_ids, result)
    return result


def report_lines(result: OnboardResult) -> list[str]:
    """What `kormo onboard` prints: every problem, then the counts (both languages)."""
    lines = [p.line() for p in result.problems]
    if result.problems:
        n = len(result.problems)
        lines.append(f"{to_bengali_digits(str(n))}টি সমস্যা; কিছুই সংরক্ষণ করা হয়নি / "
                     f"{n} problem(s); nothing was saved")
        return lines
    counts = (f"offices {result.offices_created} new, {result.offices_updated} updated; "
              f"people {result.people_created} new, {result.people_updated} updated; "
              f"roles {result.roles_created} new, {result.roles_updated} updated")
    if result.dry_run:
        lines.append(f"কোনো সমস্যা নেই; কিছুই সংরক্ষণ করা হয়নি (পরীক্ষা) / no problems; dry run, "
                     f"nothing saved ({counts})")
    else:
        lines.append(f"সংরক্ষিত / saved: {counts}")
    return lines
