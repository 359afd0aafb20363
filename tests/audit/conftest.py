"""The audit tests use the progress tests' world and fixtures."""

from tests.progress.conftest import _media, dinajpur, rangpur, world  # noqa: F401
