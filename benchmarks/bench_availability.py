"""How long the crisis view waits for `reachability()` when lives do not repeat weekly.

The issue's budget: 1,000 contacts, each with 3 windows (one on a 2-week rota), 5 periods
of time off and 2 extra times: `reachability()` in at most 20 ms. The moment judged is a
weekday night in Europe and the Americas, and a fifth of the contacts are in time off at
that moment, so the slower searches (leave the time off, then find the next window on the
right rota week) run for most of them. A floor is measured in the same run: the same
contacts with their 3 weekly windows only (no rota, time off or extra times), so the
ratio shows what the richer rules cost on this machine. Run this file to print figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import statistics
import time
from zoneinfo import ZoneInfo

from crisisplan.core.model import WEEKDAYS, Contact, Emergency, ExtraTime, TimeOff, Window
from crisisplan.core.reachability import reachability

BUDGET_MS = 20.0
CONTACTS = 1_000
RUNS = 50
WARM_UP = 5

ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "UTC",
)

# Half-past three on a Tuesday morning in London: night in Europe and the Americas.
AT = dt.datetime(2026, 3, 10, 3, 30, tzinfo=ZoneInfo("Europe/London"))


def _time(minute: int) -> dt.time:
    return dt.time(minute // 60 % 24, minute % 60)


def support_system(seed: int = 20_260_310) -> list[Contact]:
    """A deterministic support system with rotas, time off and extra times."""
    rng = random.Random(seed)
    today = AT.date()
    contacts = []
    for index in range(CONTACTS):
        windows = []
        for number in range(3):
            days = tuple(sorted(rng.sample(WEEKDAYS, rng.randint(1, 5)), key=WEEKDAYS.index))
            start = rng.randrange(7 * 60, 22 * 60, 15)
            end = start + rng.randrange(60, 4 * 60 + 1, 15)
            rota = {"every_weeks": 2, "from_week": today - dt.timedelta(days=rng.randrange(14))}
            windows.append(
                Window(days, _time(start), _time(end), **(rota if number == 0 else {}))  # type: ignore[arg-type]
            )
        time_off = []
        for number in range(5):
            # One period in five covers the moment judged; the others lie ahead or behind.
            if number == 0 and index % 5 == 0:
                first = today - dt.timedelta(days=rng.randint(0, 3))
            else:
                first = today + dt.timedelta(days=rng.randint(-60, 90))
            last = first + dt.timedelta(days=rng.randint(0, 14))
            time_off.append(
                TimeOff(
                    to_day=last,
                    to_time=_time(rng.randrange(0, 24 * 60, 15)) if rng.random() < 0.3 else None,
                    from_day=first,
                    from_time=_time(rng.randrange(0, 24 * 60, 15)) if rng.random() < 0.3 else None,
                    reason=rng.choice(("", "on holiday", "night shifts")),
                )
            )
        extra_times = tuple(
            ExtraTime(
                today + dt.timedelta(days=rng.randint(-10, 60)),
                _time(start := rng.randrange(8 * 60, 20 * 60, 15)),
                _time(start + 120),
            )
            for _ in range(2)
        )
        contacts.append(
            Contact(
                name=f"Contact {index}",
                time_zone=rng.choice(ZONES),
                windows=tuple(windows),
                time_off=tuple(time_off),
                extra_times=extra_times,
            )
        )
    return contacts


def _time_runs(
    contacts: list[Contact], emergency: Emergency, cpu: list[float] | None = None
) -> list[float]:
    """Wall-clock milliseconds per run; CPU milliseconds into `cpu` if given (on a shared
    machine the CPU time is the steadier figure: waiting for a core is not counted)."""
    for _ in range(WARM_UP):
        reachability(contacts, AT, emergency)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        started_cpu = time.process_time()
        reachability(contacts, AT, emergency)
        timings.append((time.perf_counter() - started) * 1_000)
        if cpu is not None:
            cpu.append((time.process_time() - started_cpu) * 1_000)
    return timings


def run() -> dict[str, float]:
    """Time `reachability()` and return the figures, in milliseconds where timed."""
    contacts = support_system()
    emergency = Emergency(region="GB", number="999")

    started = time.perf_counter()
    result = reachability(contacts, AT, emergency)
    first_ms = (time.perf_counter() - started) * 1_000
    cpu: list[float] = []
    timings = _time_runs(contacts, emergency, cpu)

    weekly_only = [
        dataclasses.replace(
            contact,
            windows=tuple(Window(w.days, w.start, w.end) for w in contact.windows),
            time_off=(),
            extra_times=(),
        )
        for contact in contacts
    ]
    floor_cpu: list[float] = []
    floor = statistics.median(_time_runs(weekly_only, emergency, floor_cpu))

    median = statistics.median(timings)
    return {
        "contacts": float(len(contacts)),
        "reachable": float(len(result.reachable)),
        "later": float(len(result.later)),
        "in_time_off": float(sum(1 for entry in result.later if entry.time_off is not None)),
        "first_call_ms": first_ms,
        "best_ms": min(timings),
        "median_ms": median,
        "cpu_median_ms": statistics.median(cpu),
        "floor_cpu_median_ms": statistics.median(floor_cpu),
        "floor_ms": floor,
        "median_to_floor": median / floor,
        "budget_ms": BUDGET_MS,
        "median_to_budget": median / BUDGET_MS,
    }


def main() -> None:
    figures = run()
    print(
        f"reachability(): {figures['contacts']:.0f} contacts x (3 windows, one on a 2-week "
        "rota; 5 time off; 2 extra times)"
    )
    print(
        f"  {figures['reachable']:.0f} reachable now, {figures['later']:.0f} later "
        f"({figures['in_time_off']:.0f} in time off)"
    )
    print(f"  first call  {figures['first_call_ms']:7.2f} ms  (first in process, cold caches)")
    print(f"  best        {figures['best_ms']:7.2f} ms  (of {RUNS} runs after warm-up)")
    print(f"  median      {figures['median_ms']:7.2f} ms")
    print(
        f"  CPU median  {figures['cpu_median_ms']:7.2f} ms  (floor "
        f"{figures['floor_cpu_median_ms']:.2f} ms: time on a core, not waiting for one)"
    )
    print(
        f"  floor       {figures['floor_ms']:7.2f} ms  (same contacts, weekly windows only) "
        f"-> {figures['median_to_floor']:.2f}x the floor"
    )
    print(
        f"  budget      {figures['budget_ms']:7.2f} ms  -> median is "
        f"{figures['median_to_budget']:.2f}x the budget"
    )


if __name__ == "__main__":
    main()
