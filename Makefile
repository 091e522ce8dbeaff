# specward: `make demo` sets everything up and runs specward over this repo's contracts;
# `make test` runs the test suite. Both create .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SPECWARD := $(BIN)/specward
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format sync check models bench upstream docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	@echo "== validate every spec"
	$(SPECWARD) validate specs/together-rl/openapi.yaml specs/together-rl/upstream/api.swagger.yaml \
		specs/llama-stack/post-training.before.yaml specs/llama-stack/post-training.after.yaml \
		specs/training-jobs/openapi.yaml
	@echo "== drift: is the published RL spec in step with its protos?"
	$(SPECWARD) drift --contract contracts/together-rl.yaml
	$(SPECWARD) sync --all contracts/ --check
	-$(SPECWARD) drift specs/together-rl/upstream/api.swagger.yaml tests/fixtures/together-rl/openapi.yaml --contract contracts/together-rl.yaml  # the pre-change spec: checkpoint_id renamed, by proto field number
	@echo "== breaking: the RL sync PR (error: a silent rename), then Llama Stack's v1alpha moves"
	-$(SPECWARD) breaking tests/fixtures/together-rl/openapi.yaml specs/together-rl/openapi.yaml
	$(SPECWARD) breaking specs/llama-stack/post-training.before.yaml specs/llama-stack/post-training.after.yaml \
		--contract contracts/llama-stack.yaml
	@echo "== models: the RL change as a model diff, with its suggested commit line"
	-$(SPECWARD) models --diff tests/fixtures/together-rl/openapi.yaml specs/together-rl/openapi.yaml
	@echo "== the one CI gate over every contract, the working tree against HEAD (contract tests below)"
	$(SPECWARD) check -j 2 --skip contract --base HEAD
	@echo "== contract tests of every contract's published spec against the mock"
	@for c in contracts/*.yaml; do $(SPECWARD) contract --contract $$c --mock --max-examples 5 || exit 1; done

test: install
	$(BIN)/python -m pytest -n 2 -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# Sync every contract from its upstream, regenerate the models, validate. Leaves the tree as it
# was when nothing changed upstream (tests/test_make_sync.py checks that on a copy).
sync: install
	$(SPECWARD) sync --all contracts/
	@$(MAKE) --no-print-directory models
	$(SPECWARD) check --only validate

# The CI gate on this repository: every step for every contract (see docs/check.md).
check: install
	$(SPECWARD) check -j 2 --max-examples 5

models: install
	@for c in contracts/*.yaml; do $(SPECWARD) models --contract $$c || exit 1; done

bench: install
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

upstream:
	bash scripts/gen_upstream.sh

docs: install
	$(BIN)/python -m specward.rules --write-docs

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
