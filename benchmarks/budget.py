"""Shared by the benchmarks: timing a command (wall clock and CPU), and saying loudly when
a ratio is over its budget.

`make bench` runs every benchmark to the end and exits 0 whatever the figures: these are
measurements, not tests (a busy machine makes any ratio rise). Over-budget ratios are
printed as `OVER BUDGET` lines, and repeated in one summary line at the end of each script.
`--strict` makes a script exit 1 when something is over budget, for whoever wants a gate.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# This checkout's crisisplan, for the benchmark itself (imported after this module) and
# for the commands it times (`python -m crisisplan`, run from here) — not whichever copy
# the virtual environment has installed.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Samples:
    """Wall-clock and CPU (user + system, of the child process) seconds of each run."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def run(command: list[str], stdin: str, env: dict[str, str], samples: Samples | None) -> None:
    """Run `command` once (feeding `stdin`); add its wall and CPU time to `samples`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command,
        input=stdin.encode(),
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(command[:4])} … failed ({done.returncode}): {done.stderr.decode()}"
        )
    if samples is not None:
        samples.wall.append(elapsed)
        samples.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


def machine() -> str:
    """One line about where and when the figures were taken."""
    cores = os.cpu_count()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return f"{when}; {cores} cores; load average {load}; Python {sys.version.split()[0]}"


class Budgets:
    """Collects the ratios checked against their budgets, for the closing summary."""

    def __init__(self) -> None:
        self.over: list[str] = []

    def check(self, what: str, ratio: float, budget: float) -> str:
        """The verdict to print after a ratio; remembers it when over budget."""
        if ratio <= budget:
            return f"within budget (≤ {budget})"
        self.over.append(f"{what} {ratio:.2f}× > {budget}×")
        return f"<<< OVER BUDGET (≤ {budget}) >>>"

    def finish(self, strict: bool) -> int:
        if self.over:
            print("=" * 72)
            print("OVER BUDGET: " + "; ".join(self.over))
            print("(measured on this machine now; a busy machine raises every ratio)")
            print("=" * 72)
            return 1 if strict else 0
        print("All ratios within budget.")
        return 0
