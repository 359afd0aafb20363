"""The OpenAPI description: every operation, the bearer scheme, the error shape; the docs page
is served with the app's own copy of Swagger UI (no outside CDN)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_description_lists_every_operation_with_bearer_auth(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "Kormo API" and doc["info"]["version"] == "1"
    assert {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops} == {
        ("GET", "/api/v1/me"), ("GET", "/api/v1/offices"), ("GET", "/api/v1/offices/{office_id}"),
        ("GET", "/api/v1/plans"), ("GET", "/api/v1/plans/{plan_id}"),
        ("GET", "/api/v1/plans/{plan_id}/progress"), ("GET", "/api/v1/plans/{plan_id}/scores"),
        ("PUT", "/api/v1/plans/{plan_id}/progress/{indicator_ref}/{quarter}")}
    assert doc["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"}}
    put = doc["paths"]["/api/v1/plans/{plan_id}/progress/{indicator_ref}/{quarter}"]["put"]
    assert put["security"] == [{"BearerToken": []}]
    assert set(put["responses"]) == {"200", "400", "401", "404", "409", "422"}
    error = doc["components"]["schemas"]["ErrorDetail"]
    assert set(error["required"]) == {"code", "bn", "en"}
    quarter = next(p for p in put["parameters"] if p["name"] == "quarter")
    assert quarter["schema"]["enum"] == ["Q1", "Q2", "Q3", "Q4"]


def test_the_docs_page_uses_the_bundled_swagger_ui(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
