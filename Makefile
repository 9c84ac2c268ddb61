# `make run`  — set up everything and serve the site with demo content on 127.0.0.1:8000
# `make test` — lint, format check, migration check and the whole test suite

SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
# The first Python >= 3.12 found (pyenv picks 3.13 from .python-version).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; \
	then echo $$p; break; fi; done)

.PHONY: run test install install-test demo bench lighthouse messages clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed (3.13 recommended)." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet ".[test]"
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:8000/ — press Ctrl+C to stop."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# After changing a translatable string (needs GNU gettext, which running the site does not:
# the compiled catalogue is committed, and a test checks it matches the .po file).
messages: install
	$(BIN)/python manage.py makemessages -l ko --no-obsolete --add-location file \
		-i ".venv/*" -i "tests/*" -i "bench/*" -i "build/*" -i "staticfiles/*" -i "media/*" \
		-i "*/migrations/*" -i "*/demo.py" -i "*/management/*"
	$(BIN)/python manage.py compilemessages -l ko -i ".venv" -i "build"

clean:
	rm -rf $(VENV) staticfiles

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lighthouse: install
	$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)
