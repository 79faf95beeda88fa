"""schemathesis against the API's own OpenAPI schema, in-process through Django's WSGI
application: for a coordinator key and a partner key, generated requests to every operation
never give a server error, and every response conforms to the documented schema (status
code, content type, body)."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from anett.core import roles
from tests.conftest import make_user

from .conftest import bearer

pytestmark = pytest.mark.django_db(transaction=False)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 8


def _key(user) -> str:
    return bearer(user).defaults["HTTP_AUTHORIZATION"]


@pytest.fixture
def schema(db):
    # Django's WSGI handler closes the database connection after each request
    # (`close_old_connections`); inside the test's transaction that would drop it (seen on
    # PostgreSQL). Django's test client disconnects the handler the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operations(schema):
    ops = [result.ok() for result in schema.get_all_operations()]
    assert len(ops) >= 19
    return ops


def _fuzz(schema, authorization: str) -> list[str]:
    seen = []
    for operation in _operations(schema):
        seen.append(operation.label)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(headers={"Authorization": authorization})
            case.validate_response(response, checks=CHECKS)

        run()
    return seen


@pytest.mark.parametrize("role", [roles.KOORDINATION, roles.PARTNER])
def test_schema_holds_for_generated_requests(schema, register, role):
    key = _key(make_user(role, f"fuzz-{role}"))
    labels = _fuzz(schema, key)
    assert "GET /api/v1/companies/{company_id}" in labels
