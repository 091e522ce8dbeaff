#!/usr/bin/env bash
# Regenerate specs/together-rl/upstream/api.swagger.yaml from the RL protos.
#
# The protos under specs/together-rl/upstream/ stand in for the upstream
# (grpc-gateway) side of the together-rl contract. This script runs protoc with
# grpc-gateway's swagger plugin over them, merges the result into one Swagger
# 2.0 document and writes it as YAML (key order kept) next to the protos.
#
# Idempotent: installs only what is missing, and rewrites the YAML atomically.
#
# Error responses: rl.proto sets the file-level openapiv2_swagger option with a
# `default` response referencing google.rpc.Status, so every operation gets
# `default -> #/definitions/rpcStatus` (plus the rpcStatus and protobufAny
# definitions), as grpc-gateway v2 emits on its own. The option's .proto files
# (protoc-gen-swagger/options/*.proto) come from the Debian package
# golang-github-grpc-ecosystem-grpc-gateway-dev; google/rpc/status.proto from
# googleapis-common-protos.
#
# Needs: protoc + protoc-gen-swagger (Debian: protobuf-compiler,
# golang-grpc-gateway) or protoc-gen-openapiv2 on PATH; the swagger options
# protos (Debian: golang-github-grpc-ecosystem-grpc-gateway-dev);
# google/api/*.proto and google/rpc/*.proto from the PyPI package
# googleapis-common-protos (installed into a cached venv).
#
# Environment:
#   GOOGLEAPIS_INCLUDE  directory holding google/api/annotations.proto and
#                       google/rpc/status.proto (skips the venv when set)
#   GRPC_GATEWAY_INCLUDE  directory holding
#                       protoc-gen-swagger/options/annotations.proto
#                       (default: the Debian -dev package's gocode tree)
#   SPECWARD_GEN_VENV   venv used for googleapis-common-protos and PyYAML
#                       (default: ${TMPDIR:-/tmp}/specward-gen-venv)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UPSTREAM_DIR="${REPO_ROOT}/specs/together-rl/upstream"
OUT_YAML="${UPSTREAM_DIR}/api.swagger.yaml"
VENV="${SPECWARD_GEN_VENV:-${TMPDIR:-/tmp}/specward-gen-venv}"

log() { printf 'gen_upstream: %s\n' "$*" >&2; }

find_plugin() {
  if command -v protoc-gen-swagger >/dev/null 2>&1; then
    echo swagger
  elif command -v protoc-gen-openapiv2 >/dev/null 2>&1; then
    echo openapiv2
  fi
}

wkt_include() {
  # Directory holding google/protobuf/timestamp.proto (ships with protoc).
  local d
  for d in /usr/include /usr/local/include; do
    if [[ -f "${d}/google/protobuf/timestamp.proto" ]]; then
      echo "${d}"
      return 0
    fi
  done
  return 1
}

swagger_options_include() {
  # Directory holding protoc-gen-swagger/options/annotations.proto.
  local d="${GRPC_GATEWAY_INCLUDE:-/usr/share/gocode/src/github.com/grpc-ecosystem/grpc-gateway}"
  if [[ -f "${d}/protoc-gen-swagger/options/annotations.proto" ]]; then
    echo "${d}"
    return 0
  fi
  return 1
}

ensure_tools() {
  if command -v protoc >/dev/null 2>&1 && [[ -n "$(find_plugin)" ]] \
    && wkt_include >/dev/null && swagger_options_include >/dev/null; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "protoc, protoc-gen-swagger or the swagger options protos are missing and apt-get is unavailable"
    exit 1
  fi
  log "installing protobuf-compiler, golang-grpc-gateway and golang-github-grpc-ecosystem-grpc-gateway-dev"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    protobuf-compiler libprotobuf-dev golang-grpc-gateway \
    golang-github-grpc-ecosystem-grpc-gateway-dev >/dev/null
  if ! swagger_options_include >/dev/null; then
    log "protoc-gen-swagger/options/annotations.proto not found; set GRPC_GATEWAY_INCLUDE"
    exit 1
  fi
}

ensure_venv() {
  if [[ ! -x "${VENV}/bin/python" ]]; then
    log "creating venv ${VENV}"
    python3 -m venv "${VENV}"
  fi
  if ! "${VENV}/bin/python" -c 'import yaml, google.api' >/dev/null 2>&1; then
    log "installing googleapis-common-protos and PyYAML into ${VENV}"
    "${VENV}/bin/python" -m pip install -q --disable-pip-version-check \
      googleapis-common-protos pyyaml
  fi
}

googleapis_include() {
  if [[ -n "${GOOGLEAPIS_INCLUDE:-}" ]]; then
    echo "${GOOGLEAPIS_INCLUDE}"
    return 0
  fi
  # google/api/*.proto sit in site-packages next to the generated *_pb2.py.
  "${VENV}/bin/python" - <<'PY'
import os
import google.api

path = os.path.dirname(os.path.dirname(list(google.api.__path__)[0]))
assert os.path.isfile(os.path.join(path, "google", "api", "annotations.proto")), path
assert os.path.isfile(os.path.join(path, "google", "rpc", "status.proto")), path
print(path)
PY
}

main() {
  ensure_tools
  ensure_venv

  local plugin gapi wkt gw
  plugin="$(find_plugin)"
  gapi="$(googleapis_include)"
  wkt="$(wkt_include)"
  gw="$(swagger_options_include)"
  TMP_DIR="$(mktemp -d)"
  trap 'rm -rf "${TMP_DIR:-}" "${OUT_YAML}.tmp"' EXIT
  local tmp="${TMP_DIR}"

  local protos=()
  while IFS= read -r -d '' f; do
    protos+=("$(basename "${f}")")
  done < <(find "${UPSTREAM_DIR}" -maxdepth 1 -name '*.proto' -print0 | sort -z)
  if [[ ${#protos[@]} -eq 0 ]]; then
    log "no .proto files in ${UPSTREAM_DIR}"
    exit 1
  fi

  log "protoc $(protoc --version | awk '{print $2}'), plugin protoc-gen-${plugin}, ${#protos[@]} protos"
  (
    cd "${UPSTREAM_DIR}"
    protoc -I . -I "${gapi}" -I "${wkt}" -I "${gw}" \
      "--${plugin}_out=logtostderr=true,allow_merge=true,merge_file_name=api:${tmp}" \
      "${protos[@]}"
  )

  local json="${tmp}/api.swagger.json"
  if [[ ! -f "${json}" ]]; then
    log "plugin did not write ${json}"
    exit 1
  fi

  "${VENV}/bin/python" - "${json}" "${OUT_YAML}.tmp" <<'PY'
import json
import sys

import yaml


class Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    # Multi-line text (proto comments) reads best as a literal block.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)

src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as fh:
    doc = json.load(fh)  # dicts keep the plugin's key order
header = (
    "# Code generated by scripts/gen_upstream.sh from specs/together-rl/upstream/*.proto.\n"
    "# DO NOT EDIT: change the protos and rerun the script.\n"
)
with open(dst, "w", encoding="utf-8") as fh:
    fh.write(header)
    yaml.dump(
        doc, fh, Dumper=Dumper, sort_keys=False, default_flow_style=False,
        allow_unicode=True, width=4096,
    )
PY
  mv -f "${OUT_YAML}.tmp" "${OUT_YAML}"
  log "wrote ${OUT_YAML#"${REPO_ROOT}/"}"
}

main "$@"
