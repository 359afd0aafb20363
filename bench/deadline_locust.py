"""The locust users of bench/deadline_load.py: the reporting peak (70 % reads by focal points
and supervisors, 30 % progress writes with evidence on some) and the two yardsticks (the login
page, /healthz). The targets come from the JSON file in KORMO_LOAD_TARGETS, written by the
bench's setup; KORMO_LOAD_KIND picks the user class."""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import struct
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from locust import HttpUser, constant, task
from locust.clients import HttpSession

TARGETS: dict[str, Any] = json.loads(Path(os.environ["KORMO_LOAD_TARGETS"]).read_text())
KIND = os.environ.get("KORMO_LOAD_KIND", "peak")
PASSWORD = TARGETS["password"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version-([^"]+)" value="(\d+)"')
ORIGINAL = re.compile(r'name="orig-value-([^"]+)" value="([^"]*)"')
_people = itertools.count()  # each simulated person logs in as a different account
_stamp = itertools.count(1)


def png(width: int = 16, height: int = 16) -> bytes:
    """A real PNG image (red), as a phone's photo of a signed paper would be, only smaller."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


EVIDENCE = png()


def _mixed(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Focal points and supervisors interleaved in their proportion, so that however many
    users locust starts, they are a fair sample of both (supervisors read dashboards)."""
    kinds: dict[bool, list[dict[str, Any]]] = {}
    for p in people:
        kinds.setdefault(bool(p["values"]), []).append(p)
    placed = [((i + 0.5) / len(group), p) for group in kinds.values()
              for i, p in enumerate(group)]
    return [p for _at, p in sorted(placed, key=lambda t: t[0])]


PEOPLE = _mixed(TARGETS["people"])


def _pick(items: list[Any]) -> Any:
    return items[next(_people) % len(items)]


class Peak(HttpUser):
    """One focal point or supervisor at the deadline: logs in once, then reads and writes."""

    wait_time = constant(0)
    abstract = KIND != "peak"

    def on_start(self) -> None:
        self.person = _pick(PEOPLE)
        # The login is the setup, not the peak: the session the bench's set-up made for this
        # person (as a login makes it), so no password is hashed while the peak is measured;
        # without one, a login past locust's statistics (requests' own call).
        host = urlsplit(self.host).hostname or "127.0.0.1"
        if self.person.get("session"):
            self.client.cookies.set(TARGETS["session_cookie"], self.person["session"],
                                    domain=host)
        else:
            plain = super(HttpSession, self.client).request
            page = plain("GET", self.host + "/login/").text
            plain("POST", self.host + "/login/", data={
                "username": self.person["username"], "password": PASSWORD,
                "csrfmiddlewaretoken": TOKEN.search(page).group(1),  # type: ignore[union-attr]
                "next": ""})
        home = self.get(TARGETS["home"], "home")
        found = TOKEN.search(home)
        self.token = found.group(1) if found else self.client.cookies.get("csrftoken", "")
        # What the report page shows of each entry (its version, its value), as the browser
        # holds it after opening the page.
        self.versions: dict[str, str] = {}
        self.shown: dict[str, str] = {}
        if self.person.get("values"):
            page = self.get(self.person["read"], self.person["read_name"])
            self.versions = dict(VERSION.findall(page))
            self.shown = {e: html.unescape(v) for e, v in ORIGINAL.findall(page)}

    def get(self, url: str, name: str) -> str:
        """A page read; landing on the login page (the session not taken) is an error."""
        with self.client.get(url, name=name, catch_response=True) as r:
            if r.status_code != 200 or urlsplit(r.url).path.startswith("/login/"):
                r.failure(f"status {r.status_code} at {urlsplit(r.url).path}")
            return r.text

    @task(7)
    def read(self) -> None:
        p = self.person
        url, name = random.choice([(TARGETS["home"], "home"), (p["read"], p["read_name"]),
                                   (p["office"], "office page")])
        self.get(url, name)

    @task(3)
    def write(self) -> None:
        """A value saved as the report page's script saves it: the entry's fields posted with
        `Accept: application/json`, the page updated in place from the answer (no page read);
        on a quarter of the saves a photo attached as the script attaches it (the row's upload
        form with `Accept: application/json`, the file's line in the answer, no page read)."""
        p = self.person
        if not p.get("values"):  # a supervisor: one more read
            self.get(p["read"], p["read_name"])
            return
        ref, plan_id = random.choice(p["values"])
        entry = f"{ref}|{TARGETS['quarter']}"
        value = str(random.randint(1, 99))
        data = {"csrfmiddlewaretoken": self.token, "period": TARGETS["quarter"],
                "stamp": str(next(_stamp)), "entry": entry,
                f"version-{entry}": self.versions.get(entry, "0"),
                f"value-{entry}": value, f"orig-value-{entry}": self.shown.get(entry, ""),
                f"remarks-{entry}": "", f"orig-remarks-{entry}": ""}
        base = f"/progress/plans/{plan_id}/report/"
        with self.client.post(f"{base}values/?period={TARGETS['quarter']}", data=data,
                              headers={"Accept": "application/json"}, name="value save",
                              catch_response=True) as r:
            try:
                answer = r.json()
            except ValueError:
                answer = None
            if r.status_code != 200 or not isinstance(answer, dict) or answer.get("refused"):
                r.failure(f"status {r.status_code}: {r.text[:200]}")
            else:
                saved = answer.get("saved", {}).get(entry)
                if saved:
                    self.versions[entry] = str(saved["version"])
                    self.shown[entry] = saved["fields"].get("value", value)
        if random.random() < 0.25:  # evidence on a quarter of the saves
            # As report.js sends the row's upload form: its multipart fields with
            # `Accept: application/json`; the file's line comes back in the answer.
            files = {"file": (f"evidence-{ref}.png", EVIDENCE, "image/png")}
            with self.client.post(base + "evidence/", data={
                    "csrfmiddlewaretoken": self.token, "ref": ref,
                    "quarter": TARGETS["quarter"], "period": TARGETS["quarter"]},
                    files=files, headers={"Accept": "application/json"},
                    name="evidence upload", catch_response=True) as r:
                try:
                    answer = r.json()
                except ValueError:
                    answer = None
                if (r.status_code != 200 or not isinstance(answer, dict)
                        or not isinstance(answer.get("evidence"), dict)
                        or answer["evidence"].get("bytes") != len(EVIDENCE)):
                    r.failure(f"status {r.status_code}: {r.text[:200]}")


class LoginPage(HttpUser):
    wait_time = constant(0)
    abstract = KIND != "login"

    @task
    def login_page(self) -> None:
        self.client.get("/login/", name="login page")


class Healthz(HttpUser):
    wait_time = constant(0)
    abstract = KIND != "healthz"

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="healthz")
