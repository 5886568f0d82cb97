"""Printing benchmarks: the card sheet and the full plan in-process, and the whole
`crisisplan pdf card` command against a floor measured in the same run.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_pdf.py`). Figures are
printed, never asserted; they go in docs/printing.md and docs/benchmarks.md.

- In-process, after the fonts are registered (one warm-up render): wallet card sheet
  (fold, A4) and full plan (A4) of the example plan. Budgets: 30 ms and 60 ms.
- Whole process: `python -m crisisplan pdf card OUT --passphrase-stdin` on a real vault,
  against a floor script that opens the same SQLCipher file with the passphrase, imports
  ReportLab and writes a one-page PDF. Budget: 1.5 × the floor.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from crisisplan.core import interchange
from crisisplan.pdf import render_card, render_plan
from crisisplan.pdf.fonts import font_book
from crisisplan.resources import resource_path
from crisisplan.storage import Vault

PASSPHRASE = "a benchmark passphrase"
RUNS = 30
PROCESS_RUNS = 9

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
    return {
        "registration": registration,
        "first": first,
        "card": statistics.median(card),
        "card_best": min(card),
        "duplex": statistics.median(duplex),
        "plan": statistics.median(plan),
        "plan_best": min(plan),
    }


def whole_process() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        vault = folder / "bench.vault"
        document = interchange.loads(resource_path("example_plan.json").read_bytes())
        with Vault.create(vault, PASSPHRASE, document.region) as opened:
            opened.replace(document)
        floor_script = folder / "floor.py"
        floor_script.write_text(FLOOR, "utf-8")
        commands = {
            "floor": [sys.executable, str(floor_script), str(vault), str(folder / "floor.pdf")],
            "card": [
                sys.executable,
                "-m",
                "crisisplan",
                "pdf",
                "card",
                str(folder / "c.pdf"),
                "--vault",
                str(vault),
                "--passphrase-stdin",
            ],  # fmt: skip
            "plan": [
                sys.executable,
                "-m",
                "crisisplan",
                "pdf",
                "plan",
                str(folder / "p.pdf"),
                "--vault",
                str(vault),
                "--passphrase-stdin",
            ],  # fmt: skip
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(PROCESS_RUNS + 1):  # interleaved; round 0 warms caches
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(
                    command,
                    input=f"{PASSPHRASE}\n".encode(),
                    check=True,
                    capture_output=True,
                    timeout=120,
                )
                if round_number:
                    samples[name].append(time.perf_counter() - start)
        return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
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
    process = whole_process()
    floor = process["floor"]
    print(f"Whole process (median of {PROCESS_RUNS}, interleaved, same vault):")
    print(f"  floor (SQLCipher open with passphrase + import ReportLab + 1 page): {ms(floor)}")
    print(
        f"  crisisplan pdf card: {ms(process['card'])} = {process['card'] / floor:.2f}x floor"
        "  (budget 1.5x)"
    )
    print(f"  crisisplan pdf plan: {ms(process['plan'])} = {process['plan'] / floor:.2f}x floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
