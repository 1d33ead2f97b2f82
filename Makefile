# The two commands a newcomer needs: `make serve` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.installed-base
FULL := $(VENV)/.installed-test

.PHONY: serve test install bench clean

$(BASE): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(BASE)

$(FULL): $(BASE)
	# torch first, pinned to the CPU build (a plain `torch` would pull several GB of CUDA);
	# without it the `local` provider's tests skip and everything else runs.
	if $(BIN)/pip install -q torch==2.13.0; then \
	  $(BIN)/pip install -q -e '.[test,local]'; \
	else \
	  $(BIN)/pip install -q -e '.[test]'; \
	fi
	touch $(FULL)

install: $(FULL)

serve: $(BASE)
	$(BIN)/gatehouse serve $(ARGS)

test: $(FULL)
	./scripts/ensure-services.sh
	$(BIN)/python -m pytest -q $(ARGS)

bench: $(FULL)
	$(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) .gatehouse
