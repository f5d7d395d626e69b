# The two commands of README.md. Each creates or refreshes .venv by itself, and does so
# again only when pyproject.toml has changed.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c 'import hashlib,sys; print(hashlib.sha256(open("pyproject.toml","rb").read()).hexdigest()[:12])')

.PHONY: run test test-clock venv

run: $(STAMP)
	$(VENV)/bin/python -m socialwork.dev run

test: $(STAMP)
	$(VENV)/bin/python -m socialwork.dev test $(ARGS)

# The whole suite again with the clock moved ahead (libfaketime): 400 days, the night the
# clocks go back, New Year's Eve. Slow (three runs); see README.
test-clock: $(STAMP)
	$(VENV)/bin/python -m socialwork.dev test-clock $(ARGS)

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("socialwork needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev,local]'
	@rm -f $(VENV)/.installed-*
	@touch $@
