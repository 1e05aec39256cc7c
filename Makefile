# Two entry points for a fresh machine with python3, make and git:
#   make demo   set everything up and form groups on a bundled sample
#   make test   set everything up and run the whole test suite
#   make serve  set everything up and start the web app on http://127.0.0.1:8765/
#   make lock   refresh constraints.txt: newest releases within pyproject.toml's bounds
# Installs use constraints.txt (exact versions that passed the suite), so a new release of a
# dependency cannot break a fresh clone; pyproject.toml keeps only the lower bounds.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo serve check test lint bench readme lock clean

CONSTRAINTS := constraints.txt

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/intervisie form data/samples/intake_150.xlsx -o out/groups_150.xlsx --time-limit 60 --work-limit 15 --seed 1

serve: $(STAMP)
	$(BIN)/intervisie serve

check: $(STAMP)
	$(BIN)/intervisie check data/samples/intake_40.xlsx

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python -m bench.mdgp --quick
	$(BIN)/python -m bench.intake_speed
	$(BIN)/python -m bench.peers --quick

readme: $(STAMP)
	$(BIN)/python -c "import re, pathlib; from optimiser.intervision.rules import rule_table_markdown as t; p = pathlib.Path('README.md'); s = p.read_text(); p.write_text(re.sub(r'(<!-- rules:start.*?-->\n).*?(<!-- rules:end -->)', lambda m: m.group(1) + t('en') + '\n' + m.group(2), s, flags=re.S))"

lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# Exact versions for make setup and CI (pip install -c constraints.txt)."; \
	  echo "# Refresh with 'make lock', run 'make test', commit both if green."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable --exclude intervisie; } > $(CONSTRAINTS)
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
