"""Printing benchmarks: the card sheet and the full plan in-process, and the whole
`crisisplan pdf card` command against a floor measured in the same run.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_pdf.py`). Figures are
printed, never asserted; they go in docs/printing.md and docs/benchmarks.md.

- In-process, after the fonts are registered (one warm-up render): wallet card sheet
  (fold, A4) and full plan (A4) of the example plan. Budgets: 30 ms and 60 ms.
- Whole process: `python -m crisisplan pdf card|plan OUT --passphrase-stdin` on a real
  vault, for the example plan and for a plan in nine scripts (benchmarks/scripts_plan.py:
  every shipped face), against a floor script that opens the same SQLCipher file with the
  passphrase, imports ReportLab and writes a one-page PDF. Budget: 1.5 × the floor for
  each. Wall clock and CPU time of the child; see benchmarks/budget.py for the exit status.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from budget import Budgets, Samples, machine, run
from scripts_plan import nine_scripts

from crisisplan.core import interchange
from crisisplan.pdf import render_card, render_plan
from crisisplan.pdf.fonts import font_book
from crisisplan.resources import resource_path
from crisisplan.storage import Vault

PASSPHRASE = "a benchmark passphrase"
RUNS = 30
PROCESS_RUNS = 9
BUDGET = 1.5  # every `crisisplan pdf` run, in any script, against the floor

FLOOR = textwrap.dedent(
    """\
    import sys
    from sqlcipher3 import dbapi2 as sqlite
    vault, out = sys.argv[1], sys.argv[2]
    passphrase = sys.stdin.readline().rstrip("\\n")
    connection = sqlite.connect(vault)
    connection.execute(f"PRAGMA key = '{passphrase}'")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()
    from reportlab.pdfgen.canvas import Canvas
    canvas = Canvas(out)
    canvas.drawString(72, 720, "One page")
    canvas.showPage()
    canvas.save()
    """
)


def timed(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def in_process() -> dict[str, float]:
    document = interchange.loads(resource_path("example_plan.json").read_bytes())
    start = time.perf_counter()
    font_book()
    registration = time.perf_counter() - start
    start = time.perf_counter()
    render_card(document)
    render_plan(document)
    first = time.perf_counter() - start
    card = timed(lambda: render_card(document))
    duplex = timed(lambda: render_card(document, layout="duplex"))
    plan = timed(lambda: render_plan(document))
    world = nine_scripts()
    start = time.perf_counter()
    render_card(world)
    render_plan(world)
    nine = time.perf_counter() - start
    return {
        "nine": nine,
        "registration": registration,
        "first": first,
        "card": statistics.median(card),
        "card_best": min(card),
        "duplex": statistics.median(duplex),
        "plan": statistics.median(plan),
        "plan_best": min(plan),
    }


def whole_process() -> dict[str, Samples]:
    # Installed copies carry bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would
    # otherwise compile the package on every run and measure the compiler.
    package = Path(__file__).resolve().parent.parent / "crisisplan"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True,
                   capture_output=True)  # fmt: skip
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        documents = {
            "example": interchange.loads(resource_path("example_plan.json").read_bytes()),
            "nine scripts": nine_scripts(),
        }
        vaults = {}
        for label, document in documents.items():
            vaults[label] = folder / f"{label.replace(' ', '-')}.vault"
            with Vault.create(vaults[label], PASSPHRASE, document.region) as opened:
                opened.replace(document)
        floor_script = folder / "floor.py"
        floor_script.write_text(FLOOR, "utf-8")
        commands = {
            "floor": [sys.executable, str(floor_script), str(vaults["example"]),
                      str(folder / "floor.pdf")],
        }  # fmt: skip
        for label, vault in vaults.items():
            for kind in ("card", "plan"):
                commands[f"{kind}, {label}"] = [
                    sys.executable, "-m", "crisisplan", "pdf", kind, str(folder / "out.pdf"),
                    "--vault", str(vault), "--passphrase-stdin",
                ]  # fmt: skip
        samples = {name: Samples() for name in commands}
        for round_number in range(PROCESS_RUNS + 1):  # interleaved; round 0 warms caches
            for name, command in commands.items():
                run(command, f"{PASSPHRASE}\n", env, samples[name] if round_number else None)
        return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when over budget")
    strict = parser.parse_args().strict
    figures = in_process()
    print("In-process, fonts registered (example plan, median of", RUNS, "runs):")
    print(f"  font registration (Noto Sans regular + bold): {ms(figures['registration'])}")
    print(f"  first card + plan (HarfBuzz, first subsets):  {ms(figures['first'])}")
    print(
        f"  wallet card sheet, fold A4: {ms(figures['card'])} (best {ms(figures['card_best'])})"
        f"  budget 30 ms -> {figures['card'] / 0.030:.2f}x"
    )
    print(f"  wallet card sheet, duplex A4 (2 pages): {ms(figures['duplex'])}")
    print(
        f"  full plan, A4: {ms(figures['plan'])} (best {ms(figures['plan_best'])})"
        f"  budget 60 ms -> {figures['plan'] / 0.060:.2f}x"
    )
    print(f"  first card + plan of the nine-script plan (every face): {ms(figures['nine'])}")
    budgets = Budgets()
    process = whole_process()
    floor = process.pop("floor")
    floor_wall, floor_cpu = statistics.median(floor.wall), statistics.median(floor.cpu)
    print(f"Whole process (median of {PROCESS_RUNS}, interleaved; CPU = user + system):")
    print(f"  {machine()}")
    print(f"  {'':40}{'wall':>9}{'ratio':>7}{'CPU':>10}{'ratio':>7}")
    print(f"  {'floor: SQLCipher open + ReportLab page':40}"
          f"{floor_wall * 1000:7.1f}ms{'':7}{floor_cpu * 1000:8.1f}ms")  # fmt: skip
    verdicts = []
    for name, values in process.items():
        wall, cpu = statistics.median(values.wall), statistics.median(values.cpu)
        ratio = wall / floor_wall
        print(f"  {'crisisplan pdf ' + name:40}{wall * 1000:7.1f}ms{ratio:7.2f}"
              f"{cpu * 1000:8.1f}ms{cpu / floor_cpu:7.2f}")  # fmt: skip
        verdicts.append(f"  pdf {name}: {ratio:.2f}× the floor: "
                        f"{budgets.check('pdf ' + name, ratio, BUDGET)}")  # fmt: skip
    print("\n".join(verdicts))
    return budgets.finish(strict)


if __name__ == "__main__":
    raise SystemExit(main())
