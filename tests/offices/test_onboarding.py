"""Onboarding a country from CSV/XLSX: upserts keyed by codes and e-mails, every row's problem
in Bengali and English, nothing half-saved, the command and the CLI's exit status."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from kormo.cli import main as cli_main
from kormo.offices.models import Membership, Office, Profile
from kormo.offices.national_tree import make_country, write_country, write_csv
from kormo.offices.onboarding import onboard
from kormo.offices.onboarding_files import OFFICE_COLUMNS, PEOPLE_COLUMNS

pytestmark = pytest.mark.django_db


def _office(code: str, name: str, tier: str, parent: str = "", district: str = "",
            upazila: str = "", name_en: str = "") -> dict[str, str]:
    return {"code": code, "name_bn": name, "name_en": name_en, "tier": tier,
            "parent_code": parent, "district": district, "upazila": upazila}


def _person(name: str, email: str, office: str, role: str, post: str = "",
            mobile: str = "") -> dict[str, str]:
    return {"name": name, "post": post, "email": email, "mobile": mobile,
            "office_code": office, "role": role}


def _files(tmp_path: Path, offices: list[dict[str, str]], people: list[dict[str, str]]
           ) -> tuple[str, str]:
    return (str(write_csv(tmp_path / "offices.csv", OFFICE_COLUMNS, offices)),
            str(write_csv(tmp_path / "people.csv", PEOPLE_COLUMNS, people)))


TREE = [
    _office("min", "মন্ত্রণালয়", "ministry", name_en="Ministry"),
    _office("dir", "অধিদপ্তর", "directorate", "min"),
    _office("dist-rng", "জেলা কার্যালয়, রংপুর", "district", "dir", "রংপুর"),
    _office("upz-pg", "উপজেলা কার্যালয়, পীরগঞ্জ", "upazila", "dist-rng", "রংপুর", "পীরগঞ্জ"),
]
PEOPLE = [
    _person("রহিম", "Rahim@Example.org", "upz-pg", "focal_point", "প্রোগ্রামার", "01712345678"),
    _person("রহিম", "rahim@example.org", "dist-rng", "supervisor", "উপপরিচালক"),
    _person("করিম", "karim@example.org", "upz-pg", "office_head", "ইউএনও"),
]


def test_the_tree_and_people_are_saved_with_paths_places_and_roles(tmp_path: Path) -> None:
    offices, people = _files(tmp_path, TREE, PEOPLE)
    result = onboard(offices=offices, people=people)
    assert result.saved and result.problems == []
    assert (result.offices_created, result.people_created, result.roles_created) == (4, 2, 3)
    by_code = {o.code: o for o in Office.objects.all()}
    upz = by_code["upz-pg"]
    assert upz.parent == by_code["dist-rng"]
    chain = [by_code[c].pk for c in ("min", "dir", "dist-rng", "upz-pg")]
    assert upz.path == "/" + "".join(f"{pk}/" for pk in chain)
    assert (upz.district, upz.upazila, upz.tier) == ("রংপুর", "পীরগঞ্জ", "upazila")
    rahim = get_user_model().objects.get(username="rahim@example.org")
    assert rahim.first_name == "রহিম" and not rahim.has_usable_password()
    assert Profile.objects.get(user=rahim).mobile == "01712345678"
    assert set(Membership.objects.filter(user=rahim).values_list("office__code", "role", "post")
               ) == {("upz-pg", "focal_point", "প্রোগ্রামার"),
                     ("dist-rng", "supervisor", "উপপরিচালক")}


def test_running_again_changes_nothing_and_a_corrected_file_updates_and_moves(
        tmp_path: Path) -> None:
    offices, people = _files(tmp_path, TREE, PEOPLE)
    onboard(offices=offices, people=people)
    ids = dict(Office.objects.values_list("code", "pk"))
    again = onboard(offices=offices, people=people)
    assert (again.offices_created, again.offices_updated, again.people_created,
            again.roles_created, again.roles_updated) == (0, 0, 0, 0, 0)
    assert dict(Office.objects.values_list("code", "pk")) == ids
    # The district office moves under a new divisional office; its upazila office follows.
    moved = [*TREE[:2], _office("div-rng", "বিভাগীয় কার্যালয়", "division", "dir"),
             {**TREE[2], "parent_code": "div-rng", "name_en": "Rangpur district office"}]
    renamed = [{**PEOPLE[2], "name": "করিম উদ্দিন", "post": "উপজেলা নির্বাহী অফিসার"}]
    offices, people = _files(tmp_path, moved, renamed)
    result = onboard(offices=offices, people=people)
    assert (result.offices_created, result.offices_updated) == (1, 1)
    assert (result.people_updated, result.roles_updated) == (1, 1)
    div = Office.objects.get(code="div-rng")
    assert Office.objects.get(code="upz-pg").path.startswith(div.path)
    assert Office.objects.get(code="dist-rng").name_en == "Rangpur district office"
    assert Membership.objects.get(user__username="karim@example.org").post == \
        "উপজেলা নির্বাহী অফিসার"
    assert Office.objects.count() == 5 and Membership.objects.count() == 3


def test_every_row_problem_is_listed_in_both_languages_and_nothing_is_saved(
        tmp_path: Path) -> None:
    offices = [
        *TREE,
        _office("", "নামহীন কোড", "district", "dir"),                  # row 6: no code
        _office("min", "আবার", "ministry"),                            # row 7: repeated code
        _office("bad code!", "অফিস", "district", "dir"),               # row 8: bad code
        _office("x1", "", "planet", "nowhere"),                        # row 9: name, tier
        _office("loop-a", "ক", "district", "loop-b"),                  # rows 10-11: a loop
        _office("loop-b", "খ", "district", "loop-a"),
    ]
    people = [
        *PEOPLE,
        _person("", "not-an-email", "upz-pg", "focal_point"),          # row 5: name, e-mail
        _person("জামাল", "jamal@example.org", "no-such", "boss"),      # row 6: office, role
        _person("কামাল", "kamal@example.org", "upz-pg", "focal_point", mobile="১২৩"),
    ]
    offices_path, people_path = _files(tmp_path, offices, people)
    result = onboard(offices=offices_path, people=people_path)
    found = {(p.file, p.row, p.column) for p in result.problems}
    assert found == {
        ("offices", 6, "code"), ("offices", 7, "code"), ("offices", 8, "code"),
        ("offices", 9, "name_bn"), ("offices", 9, "tier"), ("offices", 9, "parent_code"),
        ("offices", 10, "parent_code"), ("offices", 11, "parent_code"),
        ("people", 5, "name"), ("people", 5, "email"), ("people", 6, "office_code"),
        ("people", 6, "role"), ("people", 7, "mobile"),
    }
    for p in result.problems:
        assert p.bn and p.en and p.bn != p.en
        assert "সারি" in p.line() and "row" in p.line()
    assert not result.saved
    assert Office.objects.count() == 0 and get_user_model().objects.count() == 0


def test_a_dry_run_counts_and_saves_nothing(tmp_path: Path) -> None:
    offices, people = _files(tmp_path, TREE, PEOPLE)
    result = onboard(offices=offices, people=people, dry_run=True)
    assert result.problems == [] and result.dry_run and not result.saved
    assert result.offices_created == 4
    assert Office.objects.count() == 0 and Membership.objects.count() == 0
    onboard(offices=offices, people=people)
    renamed = [{**TREE[0], "name_en": "Ministry of ICT"}, *TREE[1:]]
    offices, people = _files(tmp_path, renamed, PEOPLE)
    again = onboard(offices=offices, people=people, dry_run=True)
    assert (again.offices_created, again.offices_updated) == (0, 1)  # only the changed row
    assert Office.objects.get(code="min").name_en == "Ministry"


def test_xlsx_with_bengali_words_digits_and_loose_headers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Office name", "Name EN", "Tier", "Parent", "District", "Upazila"])
    sheet.append(["m1", "মন্ত্রণালয়", "Ministry", "মন্ত্রণালয়", None, None, None])
    sheet.append(["d1", "জেলা কার্যালয়", "", "জেলা কার্যালয়", "m1", "দিনাজপুর", None])
    book.save(tmp_path / "offices.xlsx")
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Designation", "E-mail", "Mobile", "Office", "Role"])
    sheet.append(["সালমা", "প্রোগ্রামার", "salma@example.org", "+৮৮০১৮১২৩৪৫৬৭৮", "d1",
                  "এপিএ ফোকাল পয়েন্ট"])
    sheet.append(["নাসির", "", "nasir@example.org", 1912345678, "m1", "প্রশাসক"])
    book.save(tmp_path / "people.xlsx")
    result = onboard(offices=str(tmp_path / "offices.xlsx"),
                     people=str(tmp_path / "people.xlsx"))
    assert result.problems == []
    d1 = Office.objects.get(code="d1")
    assert (d1.tier, d1.district, d1.parent.code) == ("district", "দিনাজপুর", "m1")
    assert dict(Profile.objects.values_list("user__username", "mobile")) == {
        "salma@example.org": "01812345678", "nasir@example.org": "01912345678"}
    assert set(Membership.objects.values_list("user__username", "role")) == {
        ("salma@example.org", "focal_point"), ("nasir@example.org", "administrator")}


def test_a_generated_country_loads_with_a_query_count_that_does_not_grow(
        tmp_path: Path) -> None:
    rng = random.Random(7)
    counts = []
    for n, size in enumerate((1, 4)):
        country = make_country(rng.randrange(100), ministries=2 * size, directorates=5 * size,
                               field_directorates=size, upazila_directorates=size,
                               institutions=3 * size)
        folder = tmp_path / str(n)
        folder.mkdir()
        offices, people = write_country(country, folder)
        with transaction.atomic():  # each size on an empty database
            with CaptureQueriesContext(connection) as queries:
                result = onboard(offices=str(offices), people=str(people))
            assert result.problems == []
            assert Office.objects.count() == len(country.offices)
            assert Membership.objects.count() == len(country.people)
            counts.append((len(country.offices) + len(country.people), len(queries)))
            # Every stored path is its parent's path and its own id.
            for o in Office.objects.select_related("parent"):
                assert o.path == f"{o.parent.path if o.parent else '/'}{o.pk}/"
            transaction.set_rollback(True)
    (small, q_small), (large, q_large) = counts
    assert large > 3 * small  # the same code, four times the rows
    # Bulk statements in chunks (SQLite allows 999 parameters a statement, ~100 rows), never
    # a query per row.
    assert q_large * 40 < large and q_small * 10 < small


def test_the_command_refuses_with_status_2_and_the_cli_prints_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offices, people = _files(tmp_path, [*TREE, _office("x", "", "district", "dir")], PEOPLE)
    with pytest.raises(CommandError) as raised:
        call_command("kormo_onboard", offices, people)
    assert raised.value.returncode == 2
    assert cli_main(["onboard", offices, people]) == 2
    out = capsys.readouterr().out
    assert "offices সারি ৬, name_bn: অফিসের বাংলা নাম নেই" in out
    assert "offices row 6, name_bn: the office's Bengali name is missing" in out
    assert Office.objects.count() == 0
    assert cli_main(["onboard", str(tmp_path / "missing.csv")]) == 2
    assert "ফাইলটি পাওয়া যায়নি" in capsys.readouterr().err


def test_invitations_are_mailed_once_to_new_people_and_the_link_sets_a_password(
        tmp_path: Path, settings, client, django_capture_on_commit_callbacks) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    offices, people = _files(tmp_path, TREE, PEOPLE)
    # The invitations go through the task queue once the import commits (kormo.ops.mail).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kormo_onboard", offices, people, invite=True)
    assert sorted(m.to[0] for m in mail.outbox) == ["karim@example.org", "rahim@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kormo_onboard", offices, people, invite=True)
    assert len(mail.outbox) == 2  # nobody new: no second invitation
    body = next(m.body for m in mail.outbox if m.to == ["karim@example.org"])
    link = next(line for line in body.splitlines() if "/password/reset/" in line).strip()
    page = client.get(link, follow=True)
    assert page.status_code == 200
    answer = client.post(page.redirect_chain[-1][0], {"new_password1": "ঢাকা-Rangpur-2024!",
                                                      "new_password2": "ঢাকা-Rangpur-2024!"})
    assert answer.status_code == 302
    karim = get_user_model().objects.get(username="karim@example.org")
    assert karim.check_password("ঢাকা-Rangpur-2024!")
    assert "link-used" in client.get(link, follow=True).content.decode()  # one use only
