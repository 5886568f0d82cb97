# Two commands do all the set-up on a fresh Debian machine (see README):
#   make run    start crisisplan
#   make test   lint, type-check and run the whole test suite
# Each creates .venv, installs the pinned dependencies (requirements.lock) and, when run as
# root on Debian, the system libraries listed below.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages: Qt's runtime libraries (offscreen and xcb), fonts, and test tools (a real
# Secret Service for the keyring test: gnome-keyring in a private dbus-run-session).
SYSTEM_PACKAGES := libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
	libglib2.0-0 fonts-dejavu-core desktop-file-utils poppler-utils \
	gnome-keyring dbus dbus-x11 libsecret-tools

.PHONY: run test lint typecheck pytest bench screenshots system venv clean a11y-system \
	bundle deb installer-check packaging-system packaging-test bench-frozen

run: system $(STAMP)
	$(BIN)/crisisplan $(ARGS)

test: system packaging-system a11y-system $(STAMP) lint typecheck pytest packaging-test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# Figures against floors measured in the same run (docs/benchmarks.md). Over-budget ratios
# print a loud OVER BUDGET line but do not fail: a busy machine raises every ratio.
# `make bench BENCH_ARGS=--strict` exits non-zero when one is over budget.
bench: system $(STAMP)
	$(BIN)/python benchmarks/bench_core.py
	$(BIN)/python benchmarks/bench_launch.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_pdf.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_availability.py
	$(BIN)/python benchmarks/bench_crisis_view.py
	$(BIN)/python benchmarks/bench_calendar.py
	$(BIN)/python benchmarks/bench_vcard.py

# Real windows on a virtual screen (Xvfb, xcb platform), saved into docs/images/.
SCREEN_PACKAGES := xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libx11-xcb1 \
	libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
screenshots: system $(STAMP)
	@$(MAKE) --no-print-directory system SYSTEM_PACKAGES="$(SCREEN_PACKAGES)"
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python docs/make_screenshots.py

# A real screen reader for tests/a11y (docs/desktop-app.md, "Using crisisplan with a screen
# reader"): Orca over the AT-SPI bus on Xvfb with openbox, speech-dispatcher writing each
# utterance to a file, xdotool for key presses, faketime for the minute refresh. pyatspi
# is the Debian python3-pyatspi (the system Python runs the tree walker, not the venv).
# `make pytest` runs these tests with the rest; on Linux a missing tool fails them.
A11Y_PACKAGES := orca at-spi2-core python3-pyatspi speech-dispatcher dbus xvfb xauth openbox \
	xdotool faketime $(SCREEN_PACKAGES) libxkbcommon-x11-0
a11y-system:
	@$(MAKE) --no-print-directory system SYSTEM_PACKAGES="$(A11Y_PACKAGES)"

# Packaging (docs/packaging.md): the frozen one-folder app, the .deb, the Windows installer
# script. Tools: binutils (PyInstaller), nsis, appstream, desktop-file-utils, shellcheck;
# Xvfb and the xcb libraries for the frozen self-test on a real X screen; the Wayland
# client libraries so that Qt's Wayland plugin is complete in the bundle.
PACKAGING_PACKAGES := binutils zstd nsis appstream desktop-file-utils shellcheck \
	$(SCREEN_PACKAGES) libxkbcommon-x11-0 libwayland-client0 libwayland-cursor0 libwayland-egl1
VERSION := $(shell sed -n 's/^version = "\(.*\)"$$/\1/p' pyproject.toml | head -n 1)
DEB := dist/crisisplan_$(VERSION)_$(shell dpkg --print-architecture 2>/dev/null || echo amd64).deb

packaging-system:
	@$(MAKE) --no-print-directory system SYSTEM_PACKAGES="$(PACKAGING_PACKAGES)"

bundle: system packaging-system $(STAMP)
	rm -rf dist/crisisplan build/pyinstaller
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/crisisplan.spec

deb: bundle
	$(BIN)/python packaging/build_deb.py --bundle dist/crisisplan --out dist

# Compiles installer/crisisplan.nsi with warnings as errors against this build's file list.
# On Linux that is the Linux bundle: proof the script is valid, not a usable installer.
installer-check: bundle
	$(BIN)/python packaging/nsis_files.py --bundle dist/crisisplan --out build/nsis/files.nsh
	makensis -WX -V2 -DCHECK_ONLY -DVERSION=$(VERSION) -DFILES_NSH=$(CURDIR)/build/nsis/files.nsh \
	  -DOUTFILE=$(CURDIR)/build/nsis/crisisplan-check.exe installer/crisisplan.nsi
	rm -f build/nsis/crisisplan-check.exe

# Builds everything above, then runs the frozen and installed app (tests/packaging).
packaging-test: deb installer-check
	CRISISPLAN_BUNDLE=$(CURDIR)/dist/crisisplan CRISISPLAN_DEB=$(CURDIR)/$(DEB) \
	  $(BIN)/pytest tests/packaging/test_frozen.py tests/packaging/test_deb.py

bench-frozen: bundle
	$(BIN)/python benchmarks/bench_frozen.py --bundle dist/crisisplan

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Installs missing Debian packages when we are root; otherwise says what to install.
system:
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(SYSTEM_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      echo "Installing system packages:$$missing"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	    else \
	      echo "Please install the system packages:$$missing  (sudo apt-get install$$missing)"; exit 1; \
	    fi; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
