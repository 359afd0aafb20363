"""The settings module read from the environment: evidence storage, debug mode, request limits.

Each case runs the settings in a fresh interpreter, because they are read once at import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kormo.plans.sheet import MAX_ROWS, ROW_FIELDS, ROW_POST_BYTES

PROBE = """
import json, sys
sys.argv = ARGV
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
store = storages["default"]
print(json.dumps({
    "storages": settings.STORAGES, "debug": settings.DEBUG,
    "class": type(store).__module__ + "." + type(store).__name__,
    "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    "bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    "bucket": getattr(store, "bucket_name", None),
    "endpoint": getattr(store, "endpoint_url", None),
}))
"""


def _settings(tmp_path: Path, env: dict[str, str], argv: tuple[str, ...] = ("-c",)
              ) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("KORMO_") and k != "DATABASE_URL"}
    clean |= {"DJANGO_SETTINGS_MODULE": "kormo.project.settings",
              "KORMO_DATA_DIR": str(tmp_path)} | env
    out = subprocess.run([sys.executable, "-c", PROBE.replace("ARGV", repr(list(argv)))],
                         env=clean, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def test_evidence_stays_in_the_data_folder_without_a_bucket(tmp_path: Path) -> None:
    got = _settings(tmp_path, {})
    assert got["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert got["storages"]["default"]["OPTIONS"] == {"location": str(tmp_path / "media")}


def test_a_bucket_moves_evidence_to_the_s3_compatible_store(tmp_path: Path) -> None:
    got = _settings(tmp_path, {
        "KORMO_S3_BUCKET": "kormo-evidence",
        "KORMO_S3_ENDPOINT_URL": "https://s3.example.gov.bd",
        "KORMO_S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "KORMO_S3_SECRET_ACCESS_KEY": "secret",
        "KORMO_S3_REGION": "ap-south-1",
        "KORMO_S3_ADDRESSING_STYLE": "path",
    })
    default = got["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "kormo-evidence", "endpoint_url": "https://s3.example.gov.bd",
        "access_key": "AKIAEXAMPLE", "secret_key": "secret", "region_name": "ap-south-1",
        "addressing_style": "path", "default_acl": None, "querystring_auth": True,
        "file_overwrite": False,
    }
    # django-storages accepts every option (it refuses unknown ones) and builds the storage
    # without contacting the server.
    assert got["class"] == "storages.backends.s3.S3Storage"
    assert (got["bucket"], got["endpoint"]) == ("kormo-evidence", "https://s3.example.gov.bd")
    assert got["storages"]["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_only_the_bucket_is_required(tmp_path: Path) -> None:
    got = _settings(tmp_path, {"KORMO_S3_BUCKET": "kormo-evidence"})
    options = got["storages"]["default"]["OPTIONS"]
    assert got["class"] == "storages.backends.s3.S3Storage"
    assert [options[k] for k in ("endpoint_url", "access_key", "secret_key", "region_name")] == [
        None] * 4


@pytest.mark.parametrize(("env", "argv", "debug"), [
    ({}, ("-c",), False),                                    # a WSGI server, a command
    ({"KORMO_DEBUG": "1"}, ("-c",), True),                   # make run
    ({"KORMO_DEBUG": "true"}, ("-c",), False),               # only "1" turns it on
    ({}, ("/opt/kormo/.venv/bin/kormo", "serve", "--demo"), False),  # static: --insecure
    ({}, ("/opt/kormo/.venv/bin/kormo", "export"), False),
    ({}, (), False),                                         # an embedded interpreter
])
def test_debug_is_off_unless_asked_for(tmp_path: Path, env: dict[str, str],
                                       argv: tuple[str, ...], debug: bool) -> None:
    assert _settings(tmp_path, env, argv)["debug"] is debug


def test_request_limits_let_a_plan_of_max_rows_rows_through(tmp_path: Path) -> None:
    got = _settings(tmp_path, {})
    assert got["fields"] > (MAX_ROWS + 1) * len(ROW_FIELDS) > 1000
    assert got["bytes"] > (MAX_ROWS + 1) * ROW_POST_BYTES
