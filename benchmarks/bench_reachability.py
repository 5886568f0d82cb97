"""How long the crisis view waits for `reachability()` on a large support system.

The budget is 20 ms for 1,000 contacts with 3 windows each: the "I'm struggling" view
must open at once. The moment judged is a weekday night in Europe and the Americas, so
most contacts are unreachable and the slower next-available search runs for them (the
worst case). `run()` returns the figures so another script can collect them; run this
file to print them.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from zoneinfo import ZoneInfo

from crisisplan.core.model import WEEKDAYS, Contact, Emergency, TimeOff, Window
from crisisplan.core.reachability import reachability

BUDGET_MS = 20.0
CONTACTS = 1_000
WINDOWS_EACH = 3
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
    "Pacific/Auckland",
    "UTC",
)

# Half-past three on a Tuesday morning in London: night in Europe and the Americas.
AT = dt.datetime(2026, 3, 10, 3, 30, tzinfo=ZoneInfo("Europe/London"))


def support_system(seed: int = 20_260_310) -> list[Contact]:
    """A deterministic support system: every contact has three weekly windows."""
    rng = random.Random(seed)
    contacts = []
    for index in range(CONTACTS):
        windows = []
        for _ in range(WINDOWS_EACH):
            days = tuple(sorted(rng.sample(WEEKDAYS, rng.randint(1, 5)), key=WEEKDAYS.index))
            # Daytime and evening windows of one to four hours; late ones run overnight.
            start_minute = rng.randrange(7 * 60, 22 * 60, 15)
            end_minute = (start_minute + rng.randrange(60, 4 * 60 + 1, 15)) % (24 * 60)
            start = dt.time(start_minute // 60, start_minute % 60)
            end = dt.time(end_minute // 60, end_minute % 60)
            windows.append(Window(days=days, start=start, end=end))
        away_until = AT.date() + dt.timedelta(days=rng.randint(1, 20)) if index % 25 == 0 else None
        contacts.append(
            Contact(
                name=f"Contact {index}",
                time_zone=rng.choice(ZONES),
                windows=tuple(windows),
                time_off=()
                if away_until is None
                else (TimeOff(to_day=away_until, to_time=dt.time()),),
            )
        )
    return contacts


def run() -> dict[str, float]:
    """Time `reachability()` and return the figures, in milliseconds where timed."""
    contacts = support_system()
    emergency = Emergency(region="GB", number="999")

    started = time.perf_counter()
    result = reachability(contacts, AT, emergency)
    first_ms = (time.perf_counter() - started) * 1_000

    for _ in range(WARM_UP):
        reachability(contacts, AT, emergency)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        reachability(contacts, AT, emergency)
        timings.append((time.perf_counter() - started) * 1_000)

    best = min(timings)
    median = statistics.median(timings)
    return {
        "contacts": float(len(contacts)),
        "reachable": float(len(result.reachable)),
        "later": float(len(result.later)),
        "first_call_ms": first_ms,
        "best_ms": best,
        "median_ms": median,
        "budget_ms": BUDGET_MS,
        "median_to_budget": median / BUDGET_MS,
    }


def main() -> None:
    figures = run()
    print(
        f"reachability(): {figures['contacts']:.0f} contacts x {WINDOWS_EACH} windows, "
        f"{figures['reachable']:.0f} reachable now, {figures['later']:.0f} later"
    )
    print(f"  first call  {figures['first_call_ms']:7.2f} ms  (first in process, cold caches)")
    print(f"  best        {figures['best_ms']:7.2f} ms  (of {RUNS} runs after warm-up)")
    print(f"  median      {figures['median_ms']:7.2f} ms")
    print(
        f"  budget      {figures['budget_ms']:7.2f} ms  -> median is "
        f"{figures['median_to_budget']:.2f}x the budget"
    )


if __name__ == "__main__":
    main()
