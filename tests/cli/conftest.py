"""Commands that take --db run against SQLite and PostgreSQL alike."""

import pytest

from tests.postgres import BACKENDS


@pytest.fixture(params=BACKENDS)
def db_backend(request):
    return request.param
