"""The OpenAPI schema says what the API does: schemathesis generates requests from it for every
operation (a bounded number of examples each) and checks the answers against it: no server
error, only documented status codes, and bodies of the documented shape."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.web.conftest import BASE_URL, new_session, run_job, set_time_limit
from web.app import WebConfig, create_app
from web.guard import LOOPBACK_NAMES

# the schema is read when the tests are collected, so the app exists by then; its data folder
# is a temporary one (removed by the fixture), and schemathesis's client names its host
# "testserver"
DATA_DIR = Path(tempfile.mkdtemp(prefix="intervisie-schema-"))
APP = create_app(WebConfig(data_dir=DATA_DIR, host_names=(*LOOPBACK_NAMES, "testserver")))
# from the app's own dict rather than fetched through from_asgi, whose client would run (and
# end) the app's lifespan at collection time, shutting its job runner down
schema = schemathesis.openapi.from_dict(APP.openapi())
schema.app = APP

# run against a real session (with a line-up) rather than an unknown id, except for calls that
# would start solves (seconds each) or end the session
KEEP_GENERATED_ID = {
    ("POST", "/api/sessions/{session_id}/jobs"),
    ("DELETE", "/api/sessions/{session_id}"),
}


@pytest.fixture(scope="module")
def real_session() -> Iterator[str]:
    try:
        with TestClient(APP, base_url=BASE_URL) as client:
            session_id = new_session(client)
            set_time_limit(client, session_id, 1)
            run_job(client, session_id)
            yield session_id
    finally:
        shutil.rmtree(DATA_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_answers_as_its_schema_says(case, real_session: str):
    if "session_id" in (case.path_parameters or {}) and (
        (case.method.upper(), case.path) not in KEEP_GENERATED_ID
    ):
        case.path_parameters["session_id"] = real_session
    # every other check stays; "schema-valid data is accepted" does not hold for this API by
    # design: a file's bytes, a mapping's headers or a pid can only be judged by reading them,
    # and such a refusal is the documented 422 with its message
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
