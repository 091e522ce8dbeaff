"""Schema names to class names: valid, deterministic, stable, and visible."""

from __future__ import annotations

import keyword

import pytest

from specward.models.names import build_name_map, class_name


@pytest.mark.parametrize(
    ("schema", "cls"),
    [
        ("RL.TrainingSession", "RLTrainingSession"),
        ("Batch.BatchJob", "BatchJob"),
        ("training_job", "TrainingJob"),
        ("v1.Pet", "V1Pet"),
        ("google.protobuf.Any", "GoogleProtobufAny"),
        ("2fa-settings", "Model2faSettings"),
        ("TrainingSession", "TrainingSession"),
        ("...", "Model"),
    ],
)
def test_class_name(schema, cls):
    assert class_name(schema) == cls
    assert cls.isidentifier() and not keyword.iskeyword(cls)


def test_collisions_resolve_deterministically_and_keep_the_exact_name():
    names = ["RL.Foo", "RLFoo", "R.L.Foo"]
    first = build_name_map(names)
    assert first.classes["RLFoo"] == "RLFoo"  # already that name: keeps it
    assert sorted(first.classes.values()) == ["RLFoo", "RLFoo2", "RLFoo3"]
    assert build_name_map(reversed(names)).classes == first.classes
    assert "taken by 'RLFoo'" in first.notes["R.L.Foo"]


def test_a_new_schema_does_not_rename_existing_classes():
    before = build_name_map(["RL.A", "RL.B"])
    after = build_name_map(["RL.A", "RL.B", "Other.A", "Z"])
    assert {k: after.classes[k] for k in before.classes} == before.classes


def test_payload_is_sorted_and_lists_every_schema():
    payload = build_name_map(["b.X", "a.Y", "Plain"]).payload()
    assert list(payload["classes"]) == ["Plain", "a.Y", "b.X"]
    assert "Plain" not in payload["notes"]
