# The two commands: `make run` (set up and serve the demo) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := src/fazhi/core/static/vendor

.PHONY: run test venv assets db lint system-deps clean api-schema

run: venv assets db
	@$(BIN)/fazhi demo
	@echo ""
	@echo "网站地址：http://127.0.0.1:8000/  （按 Ctrl+C 停止）"
	DEBUG=1 $(BIN)/fazhi serve --dev 127.0.0.1:8000

test: system-deps venv assets
	@bash scripts/run-tests.sh

venv: $(VENV)/.installed

# Reinstalled only when the dependency list changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end assets come from the npm registry at set-up and are served by the site itself.
assets: $(VENDOR)/.installed $(VENDOR)/bootstrap/bootstrap.bundle.min.js

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/htmx $(VENDOR)/echarts
	cp node_modules/bootstrap/dist/css/bootstrap.min.css $(VENDOR)/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	touch $@

# Bootstrap's scripts (with Popper) fold the menu into a button on a phone; its own target so
# a copy installed before this line gains the file without reinstalling.
$(VENDOR)/bootstrap/bootstrap.bundle.min.js: $(VENDOR)/.installed
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $@

db: venv
	DEBUG=1 $(BIN)/fazhi migrate --no-input -v 0

# The API's OpenAPI schema, committed; tests/api/test_schema.py fails when it drifts from the code
# or the generator warns.
api-schema: venv
	DEBUG=1 $(BIN)/fazhi manage spectacular --validate --fail-on-warn --lang zh-hans --file src/fazhi/api/openapi.yaml

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Under CI the machine is fresh: install the servers and browser the tests drive.
system-deps:
ifeq ($(CI),true)
	bash scripts/install-system-deps.sh
endif

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
