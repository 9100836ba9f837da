"""The store's tests run on SQLite and on PostgreSQL (skipped, with the reason, where there is none)."""

import pytest

from tests.postgres import BACKENDS


@pytest.fixture(params=BACKENDS)
def db_backend(request):
    return request.param
