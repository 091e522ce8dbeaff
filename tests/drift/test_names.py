"""Name conventions: grpc-gateway prefixes, published namespaces, operationIds."""

from __future__ import annotations

import pytest

from specward.drift.names import (
    camel_operation_id,
    core_name,
    is_error_name,
    is_well_known,
    namespace_of,
)


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("v1StartTrainingSessionRequest", "StartTrainingSessionRequest"),
        ("rlv1Foo", "Foo"),
        ("togetherrlv1Foo", "Foo"),
        ("together.rl.v1.Foo", "Foo"),
        ("RL.StartTrainingSessionRequest", "StartTrainingSessionRequest"),
        ("examplepbABitOfEverything", "ABitOfEverything"),
        ("ABitOfEverythingNested", "ABitOfEverythingNested"),
        ("Foo", "Foo"),
        ("lowercase", "lowercase"),
    ],
)
def test_core_name(name: str, core: str) -> None:
    assert core_name(name) == core


@pytest.mark.parametrize(
    ("operation_id", "tags", "expected"),
    [
        ("CreateTrainingCheckpoint", ["RL"], "createTrainingCheckpoint"),
        ("ABitOfEverythingService_CreateBody", ["ABitOfEverything"], "createBody"),
        ("Camel_Case_service_Post_Book", ["Camel_Case_service"], "postBook"),
        ("EchoService_Echo", ["EchoService"], "echo"),
        (None, [], None),
    ],
)
def test_camel_operation_id(
    operation_id: str | None, tags: list[str], expected: str | None
) -> None:
    assert camel_operation_id(operation_id, tags) == expected


def test_error_and_well_known_names() -> None:
    assert all(
        is_error_name(n)
        for n in ("rpcStatus", "googlerpcStatus", "googleRpcStatus", "runtimeError")
    )
    assert not is_error_name("v1Status")
    assert is_well_known("protobufAny") and is_well_known("googleprotobufStruct")
    assert not is_well_known("v1Proto")


def test_namespace_of() -> None:
    assert namespace_of("v1Foo", "RL.Foo") == "RL."
    assert namespace_of("v1Foo", "Foo") == ""
    assert namespace_of("v1Foo", "Bar") is None
