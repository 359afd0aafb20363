"""The documented production variables: `check --deploy` is clean, a login through a TLS proxy
on another host works, and the demo key is refused. Each case runs in a fresh interpreter,
because the settings are read once at import."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

# The variables of docs/deployment.md ("HTTPS and the proxy"), for a site at HOST.
HOST = "kormo.example.gov.bd"
PRODUCTION = {
    "KORMO_DEBUG": "0",
    "KORMO_ALLOWED_HOSTS": HOST,
    "KORMO_HTTPS": "1",
    "KORMO_HSTS_PRELOAD": "1",
    "KORMO_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "KORMO_PROXY_COUNT": "1",
    "KORMO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
}

LOGIN = """
import django, re
SITE = SITE_NAME
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.test import Client
call_command("migrate", verbosity=0)
get_user_model().objects.create_user("focal", password="a long pass phrase 7")
# The TLS proxy on another host (10.9.9.9) sets X-Forwarded-Proto; the browser sends its Origin.
client = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.9.9.9", HTTP_HOST=SITE,
                HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="203.0.113.7")
page = client.get("/login/")
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
answer = client.post("/login/", {"username": "focal", "password": "a long pass phrase 7",
                                 "csrfmiddlewaretoken": token, "next": ""},
                     HTTP_ORIGIN="https://" + SITE, HTTP_REFERER="https://" + SITE + "/login/")
cookie = answer.cookies.get("sessionid")
print(page.status_code, answer.status_code, answer.get("Location", ""),
      "secure" if cookie and cookie["secure"] else "plain",
      answer.get("Strict-Transport-Security", "-"), sep="|")
""".replace("SITE_NAME", repr(HOST))


def _run(code: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # A production process's environment: none of the test run's own settings (the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE, set when their conftest is collected, included).
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("KORMO_")
             and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    clean |= {"DJANGO_SETTINGS_MODULE": "kormo.project.settings",
              "KORMO_DATA_DIR": str(tmp_path)} | env
    return subprocess.run([sys.executable, *code], env=clean, capture_output=True, text=True,
                          timeout=240, cwd=tmp_path)


def test_check_deploy_is_clean_with_the_documented_variables(tmp_path: Path) -> None:
    env = PRODUCTION | {"KORMO_SECRET_KEY": secrets.token_urlsafe(50)}
    out = _run(["-m", "django", "check", "--deploy"], env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "System check identified no issues" in out.stdout, out.stdout + out.stderr


def test_check_deploy_without_the_secret_key_is_an_error(tmp_path: Path) -> None:
    out = _run(["-m", "django", "check", "--deploy"], PRODUCTION, tmp_path)
    assert out.returncode != 0
    assert "kormo.E001" in out.stderr


def test_the_wsgi_application_refuses_the_demo_key_with_debug_off(tmp_path: Path) -> None:
    out = _run(["-c", "import kormo.project.wsgi"], PRODUCTION, tmp_path)
    assert out.returncode != 0 and "KORMO_SECRET_KEY" in out.stderr
    ok = _run(["-c", "import kormo.project.wsgi"],
              PRODUCTION | {"KORMO_SECRET_KEY": secrets.token_urlsafe(50)}, tmp_path)
    assert ok.returncode == 0, ok.stderr
    demo = _run(["-c", "import kormo.project.wsgi"], {"KORMO_DEBUG": "1"}, tmp_path)
    assert demo.returncode == 0, demo.stderr


def test_login_behind_a_tls_proxy_on_another_host(tmp_path: Path) -> None:
    env = PRODUCTION | {"KORMO_SECRET_KEY": secrets.token_urlsafe(50)}
    out = _run(["-c", LOGIN], env, tmp_path)
    assert out.returncode == 0, out.stderr
    page, status, location, cookie, hsts = out.stdout.strip().splitlines()[-1].split("|")
    # After the login, the person's home page (settings.LOGIN_REDIRECT_URL).
    assert (page, status, location) == ("200", "302", "/home/today/")
    assert cookie == "secure" and hsts.startswith("max-age=31536000")


def test_without_the_proxy_settings_the_same_login_is_refused(tmp_path: Path) -> None:
    # What the operator met before: Django sees plain http behind the proxy, CSRF says 403.
    env = {"KORMO_DEBUG": "0", "KORMO_ALLOWED_HOSTS": HOST,
           "KORMO_SECRET_KEY": secrets.token_urlsafe(50)}
    out = _run(["-c", LOGIN], env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1].split("|")[:2] == ["200", "403"]


def _db_options(**env: str) -> str:
    code = ("from django.conf import settings\n"
            "print(sorted((k, settings.DATABASES[k].get('OPTIONS', {}).get('prepare_threshold'),"
            " settings.DATABASES[k].get('OPTIONS', {}).get('server_side_binding'))"
            " for k in settings.DATABASES))")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE")}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "kormo.project.settings", **env}).stdout.strip()


def test_postgresql_reuses_the_plans_of_its_statements_unless_turned_off() -> None:
    """docs/deployment.md: PostgreSQL prepares a statement a connection has run 5 times (the
    primary and the replica); KORMO_PG_PREPARE_AFTER=0 turns it off (an old pooler);
    SQLite has no such thing."""
    pg = {"DATABASE_URL": "postgres://k@db.example/kormo",
          "DATABASE_REPLICA_URL": "postgres://k@replica.example/kormo"}
    assert _db_options(**pg) == "[('default', 5, True), ('replica', 5, True)]"
    assert _db_options(**pg, KORMO_PG_PREPARE_AFTER="0") == (
        "[('default', None, None), ('replica', None, None)]")
    assert _db_options() == "[('default', None, None)]"
