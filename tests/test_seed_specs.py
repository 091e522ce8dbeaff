"""The seed APIs' specs and contracts in this repo are valid and say what the seeds say."""

from __future__ import annotations

import pytest
from tests.conftest import REPO, SPECS

from specward.contracts import find_contracts
from specward.model import load
from specward.validate import validate_spec

SEED_SPECS = [
    "together-rl/openapi.yaml",
    "together-rl/upstream/api.swagger.yaml",
    "llama-stack/post-training.before.yaml",
    "llama-stack/post-training.after.yaml",
    "training-jobs/openapi.yaml",
]


@pytest.mark.parametrize("name", SEED_SPECS)
def test_seed_spec_is_valid(name):
    assert validate_spec(SPECS / name) == []


def test_every_contract_names_existing_specs():
    contracts = find_contracts(REPO / "contracts")
    assert {c.api for c in contracts} >= {"together-rl", "llama-stack", "training-jobs"}
    for contract in contracts:
        for path in (contract.published, contract.upstream, contract.previous, contract.baseline):
            if path is not None:
                assert path.exists(), f"{contract.name}: {path}"


def test_together_rl_upstream_is_grpc_gateway_swagger():
    upstream = load(SPECS / "together-rl/upstream/api.swagger.yaml")
    assert upstream.version == "2.0"
    assert upstream.base_path in ("", "/")
    assert all(op.path.startswith("/v1/rl/") for op in upstream.operations.values())
    # the capability inventory's 15 operations, training-checkpoint ones included
    assert len(upstream.operations) == 15
    base = "/v1/rl/training-sessions/{session_id}/operations/training-checkpoint"
    assert upstream.operation("POST", base) and upstream.operation("GET", base + "/{operation_id}")


def test_llama_stack_moves_job_uuid_into_the_path():
    before = load(SPECS / "llama-stack/post-training.before.yaml")
    after = load(SPECS / "llama-stack/post-training.after.yaml")
    for method, action in (("GET", "status"), ("POST", "cancel"), ("GET", "artifacts")):
        old = before.operation(method, f"/v1alpha/post-training/job/{action}")
        new = after.operation(method, f"/v1alpha/post-training/jobs/{{job_uuid}}/{action}")
        assert old is not None and new is not None, action
        assert ("path", "job_uuid") in new.parameters
        assert after.operation(method, f"/v1alpha/post-training/job/{action}") is None


def test_training_jobs_create_body_is_a_discriminated_one_of():
    spec = load(SPECS / "training-jobs/openapi.yaml")
    create = next(
        op
        for op in spec.operations.values()
        if op.method == "POST" and op.path.endswith("/training/jobs")
    )
    body = create.request_body.content["application/json"].schema
    assert len(body.one_of) == 3
    assert body.discriminator and body.discriminator["propertyName"]
    statuses = set(create.responses)
    assert {"400", "401", "403", "404", "409", "422", "426", "429", "500", "502", "504"} <= statuses
