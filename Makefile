# The two commands a newcomer needs: `make serve` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.installed-base
FULL := $(VENV)/.installed-test
NATIVE := $(VENV)/.built-native

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

# the monitor's hot modules compiled with mypyc (gatehouse/monitor/native.py), rebuilt when one of
# them (its `MODULES`; native.py imports only the standard library, so it runs without the package
# installed) or that list changes; a failed build leaves the monitor on plain Python, slower but the same
NATIVE_SRC := $(shell $(PY) -c 'import runpy; \
  print(*(f"gatehouse/monitor/{m}.py" for m in runpy.run_path("gatehouse/monitor/native.py")["MODULES"]))' 2>/dev/null)
$(NATIVE): $(BASE) scripts/build_native.py gatehouse/monitor/native.py $(or $(NATIVE_SRC),$(wildcard gatehouse/monitor/*.py))
	$(BIN)/pip install -q 'mypy>=1.10'
	$(BIN)/python scripts/build_native.py >$(VENV)/build-native.log 2>&1 && tail -1 $(VENV)/build-native.log \
	  || echo "warning: the monitor runs as plain Python, slower (see $(VENV)/build-native.log)" >&2
	touch $(NATIVE)

install: $(FULL) $(NATIVE)

serve: $(BASE) $(NATIVE)
	$(BIN)/gatehouse serve $(ARGS)

test: $(FULL) $(NATIVE)
	./scripts/ensure-services.sh
	$(BIN)/python -m pytest -q $(ARGS)

bench: $(FULL) $(NATIVE)
	$(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) .gatehouse gatehouse/monitor/_native gatehouse/monitor/_native.new
