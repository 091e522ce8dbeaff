"""Normalized model: Swagger 2.0 and OpenAPI 3.x give the same operations, parameters and bodies."""

from __future__ import annotations

from pathlib import Path

from specward.model import load, path_key

V2 = """\
swagger: "2.0"
info: {title: pets, version: "1"}
host: api.example.com
basePath: /v1
schemes: [https]
consumes: [application/json]
produces: [application/json]
securityDefinitions:
  key: {type: apiKey, in: header, name: X-Key}
security: [{key: []}]
paths:
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, type: string}
    get:
      operationId: getPet
      parameters:
        - {name: verbose, in: query, type: boolean, x-nullable: true}
        - {name: X-Trace, in: header, type: string}
      responses:
        "200":
          description: ok
          schema: {$ref: "#/definitions/Pet"}
          headers:
            X-Rate: {type: integer, format: int32}
        default:
          description: error
          schema: {$ref: "#/definitions/Error"}
    put:
      operationId: putPet
      parameters:
        - {name: body, in: body, required: true, schema: {$ref: "#/definitions/Pet"}}
      responses:
        "200": {description: ok}
  /pets/{petId}/photo:
    post:
      operationId: uploadPhoto
      consumes: [multipart/form-data]
      parameters:
        - {name: petId, in: path, required: true, type: string}
        - {name: file, in: formData, type: file, required: true}
        - {name: caption, in: formData, type: string}
      responses:
        "204": {description: done}
definitions:
  Pet:
    type: object
    required: [name]
    properties:
      name: {type: string}
      tags: {type: array, items: {type: string}}
      parent: {$ref: "#/definitions/Pet"}
  Error:
    type: object
    properties:
      code: {type: integer}
"""

V3 = """\
openapi: 3.0.3
info: {title: pets, version: "1"}
servers: [{url: "https://{region}.example.com/v1", variables: {region: {default: eu}}}]
security: [{key: []}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, nullable: true}
        parent: {$ref: "#/components/schemas/Pet"}
  parameters:
    PetId: {name: pet_id, in: path, required: true, schema: {type: string}}
  requestBodies:
    PetBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Pet"}
paths:
  /pets/{pet_id}:
    get:
      operationId: getPet
      parameters:
        - $ref: "#/components/parameters/PetId"
        - {name: verbose, in: query, schema: {type: boolean}}
        - {name: x-trace, in: header, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
    put:
      operationId: putPet
      parameters: [{$ref: "#/components/parameters/PetId"}]
      requestBody: {$ref: "#/components/requestBodies/PetBody"}
      responses:
        "200": {description: ok}
"""


def spec_from(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    return load(path)


def test_path_keys_ignore_parameter_names_and_trailing_slashes():
    assert path_key("/pets/{petId}/") == path_key("/pets/{pet_id}") == "/pets/{}"


def test_swagger2_and_openapi3_normalize_to_the_same_operations(tmp_path):
    v2 = spec_from(tmp_path, "v2.yaml", V2)
    v3 = spec_from(tmp_path, "v3.yaml", V3)
    assert v2.version == "2.0" and v3.version == "3.0"
    assert ("GET", "/pets/{}") in v2.operations and ("GET", "/pets/{}") in v3.operations
    assert v2.base_path == v3.base_path == "/v1"
    assert v3.servers[0].url == "https://eu.example.com/v1"
    get2, get3 = v2.operation("get", "/pets/{x}"), v3.operation("GET", "/pets/{pet_id}")
    assert set(get2.parameters) == {("path", "petId"), ("query", "verbose"), ("header", "x-trace")}
    assert set(get3.parameters) == {("path", "pet_id"), ("query", "verbose"), ("header", "x-trace")}
    assert get2.parameters[("path", "petId")].required is True
    assert get2.parameters[("query", "verbose")].schema.types == {"boolean", "null"}
    assert get2.responses["200"].content["application/json"].schema.ref_name == "Pet"
    assert get3.responses["200"].content["application/json"].schema.ref_name == "Pet"
    assert get2.responses["200"].headers["x-rate"].schema.format == "int32"


def test_body_parameters_become_request_bodies(tmp_path):
    v2 = spec_from(tmp_path, "v2.yaml", V2)
    v3 = spec_from(tmp_path, "v3.yaml", V3)
    for spec in (v2, v3):
        put = spec.operation("PUT", "/pets/{id}")
        assert put.request_body is not None and put.request_body.required
        schema = put.request_body.content["application/json"].schema
        assert schema.name == "Pet"
        assert "body" not in {loc for loc, _ in put.parameters}


def test_form_data_parameters_become_a_multipart_body(tmp_path):
    v2 = spec_from(tmp_path, "v2.yaml", V2)
    post = v2.operation("POST", "/pets/{id}/photo")
    assert list(post.request_body.content) == ["multipart/form-data"]
    schema = post.request_body.content["multipart/form-data"].schema
    assert set(schema.properties) == {"file", "caption"}
    assert schema.required == ["file"]
    assert post.request_body.required


def test_schemas_are_lazy_and_safe_with_cycles(tmp_path):
    for spec in (spec_from(tmp_path, "v2.yaml", V2), spec_from(tmp_path, "v3.yaml", V3)):
        pet = spec.schemas["Pet"]
        parent = pet.properties["parent"]
        assert parent.ref_name == "Pet"
        assert parent.resolve().identity == pet.identity
        assert pet.flattened_properties()["parent"].properties["parent"].name == "Pet"


def test_nullable_is_a_type_in_every_version(tmp_path):
    v3 = spec_from(tmp_path, "v3.yaml", V3)
    assert v3.schemas["Pet"].properties["name"].types == {"string", "null"}
    assert v3.schemas["Pet"].properties["name"].nullable


def test_security_and_sources(tmp_path):
    v2 = spec_from(tmp_path, "v2.yaml", V2)
    op = v2.operation("GET", "/pets/{id}")
    assert v2.effective_security(op) == [{"key": []}]
    assert v2.security_schemes["key"]["in"] == "header"
    assert op.source.line == 15
    assert op.pointer == "/paths/~1pets~1{petId}/get"


def test_normalizer_reports_path_parameter_mismatches_and_duplicate_ids(tmp_path):
    text = V3.replace("/pets/{pet_id}:", "/pets/{pet}:").replace(
        "operationId: putPet", "operationId: getPet"
    )
    spec = spec_from(tmp_path, "v3.yaml", text)
    messages = [p.message for p in spec.problems]
    assert any("'pet' is in the template but not declared" in m for m in messages)
    assert any("'pet_id' is declared but not in the template" in m for m in messages)
    assert any("duplicate operationId 'getPet'" in m for m in messages)


def _all_of_chain(length: int) -> str:
    """A 3.0 spec whose schema C0 is allOf [C1], C1 allOf [C2], ... each adding a property."""
    lines = ["openapi: 3.0.3", "info: {title: chain, version: '1'}", "paths: {}", "components:"]
    lines.append("  schemas:")
    for i in range(length):
        lines.append(
            f"    C{i}: {{allOf: [{{$ref: '#/components/schemas/C{i + 1}'}}], "
            f"required: [p{i}], properties: {{p{i}: {{type: string}}}}}}"
        )
    lines.append(f"    C{length}: {{properties: {{end: {{type: integer}}}}, required: [end]}}")
    return "\n".join(lines) + "\n"


def test_flattening_a_long_all_of_chain_does_not_recurse(tmp_path):
    # regression: flattened_properties/required recursed once per allOf hop (RecursionError ~1000)
    spec = spec_from(tmp_path, "chain.yaml", _all_of_chain(3000))
    head = spec.schemas["C0"]
    props = head.flattened_properties()
    assert len(props) == 3001 and "end" in props and "p2999" in props
    required = head.flattened_required()
    assert required[0] == "end" and required[-1] == "p0" and len(required) == 3001


def test_flattening_keeps_member_order_and_skips_all_of_cycles(tmp_path):
    spec = spec_from(
        tmp_path,
        "cycle.yaml",
        """\
openapi: 3.0.3
info: {title: cycle, version: '1'}
paths: {}
components:
  schemas:
    A:
      allOf: [{$ref: '#/components/schemas/B'}, {properties: {x: {type: integer}}}]
      properties: {a: {type: string}, x: {type: string}}
      required: [a]
    B:
      allOf: [{$ref: '#/components/schemas/A'}]
      properties: {b: {type: string}, x: {type: boolean}}
      required: [b, a]
""",
    )
    a = spec.schemas["A"]
    props = a.flattened_properties()
    assert list(props) == ["b", "x", "a"]
    assert props["x"].types == {"string"}  # own properties override members'
    assert a.flattened_required() == ["b", "a"]
    assert [p.resolve().pointer for p in a.all_of_closure()] == [
        "/components/schemas/B",
        "/components/schemas/A/allOf/1",
        "/components/schemas/A",
    ]
