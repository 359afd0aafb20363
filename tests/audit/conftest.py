"""The audit tests use the progress tests' world and fixtures."""

from tests.progress.conftest import dinajpur, rangpur, world  # noqa: F401
