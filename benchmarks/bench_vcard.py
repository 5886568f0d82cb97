"""vCard import: ordinary address books and every capped hostile input, against budgets.

Run: `python benchmarks/bench_vcard.py`. Figures are printed, never asserted (they go in
docs/benchmarks.md). The floor, measured in the same run, is the cheapest honest pass over
the same bytes: `bytes.splitlines()` plus a loop that touches each line once.

Budgets (issue 10): 2,000 ordinary phone-export cards in ≤ 1 s; every capped input in
≤ 2 s: 2,000 cards × 100 numbers, 200,000 nested BEGIN lines, the 5 MB cap of text, and a
64 MB file of photos.
"""

from __future__ import annotations

import base64
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crisisplan.core.vcard import MAX_BYTES, MAX_FILE_BYTES, parse_vcards  # noqa: E402

RUNS = 3


def card(*lines: str) -> str:
    return "\r\n".join(("BEGIN:VCARD", *lines, "END:VCARD")) + "\r\n"


def ordinary(count: int = 2_000) -> bytes:
    """A phone export: ~600 bytes a card, two numbers, an email, an address, a note."""
    cards = []
    for n in range(count):
        cards.append(
            card(
                "VERSION:3.0",
                "PRODID:-//Example//Phone Export//EN",
                f"N:Okafor{n};Sam;;;",
                f"FN:Sam Okafor {n}",
                "ORG:Riverside Community Team;Support",
                "TITLE:Support worker",
                f"TEL;TYPE=CELL:07700 9{n % 100000:05d}",
                f"TEL;TYPE=HOME:020 7946 {n % 10000:04d}",
                f"EMAIL;TYPE=INTERNET:sam{n}@example.org",
                "ADR;TYPE=HOME:;;12 High Street;Town;;AB1 2CD;United Kingdom",
                "item1.URL:http\\://www.example.org",
                "item1.X-ABLabel:_$!<HomePage>!$_",
                "NOTE:Met at the climbing wall. Prefers texts after 9pm\\, thank you.",
                "BDAY:1990-01-01",
                f"UID:{n:08d}-0000-0000-0000-000000000000",
                "REV:2026-01-01T00:00:00Z",
            )
        )
    return "".join(cards).encode("utf-8")


def many_numbers() -> bytes:
    numbers = [f"TEL;TYPE=CELL:07700 900{n:03d}" for n in range(100)]
    return "".join(card("VERSION:3.0", f"FN:P {n}", *numbers) for n in range(2_000)).encode()


def nested_begins() -> bytes:
    return ("BEGIN:VCARD\r\n" * 200_000 + "END:VCARD\r\n").encode()


def text_at_cap() -> bytes:
    note = "NOTE:" + "x" * 70
    per_card = card("VERSION:3.0", "FN:Sam", "TEL:07700 900123", *([note] * 30))
    count = MAX_BYTES // len(per_card) - 1
    return (per_card * count).encode()


def photos_at_cap() -> bytes:
    encoded = base64.b64encode(bytes(range(256)) * 180).decode()  # 46 KB of JPEG-ish bytes
    lines = [encoded[i : i + 74] for i in range(0, len(encoded), 74)]
    photo = ["PHOTO;ENCODING=b;TYPE=JPEG:" + lines[0], *(" " + line for line in lines[1:])]
    per_card = card("VERSION:3.0", "FN:Sam", "TEL:07700 900123", *photo).encode()
    return per_card * (MAX_FILE_BYTES // len(per_card) - 1)


def cold_caches() -> None:
    """Forget checked numbers: `dial()` caches them (the crisis view redials each minute),
    and a file read once should not make the next reading look faster."""
    try:
        from crisisplan.core.dialling import dial
    except ImportError:
        return
    dial.cache_clear()


def timed(action: Callable[[], object], *, cpu: bool = False) -> float:
    """Median wall time (or CPU time of this process: steadier on a shared machine)."""
    clock = time.process_time if cpu else time.perf_counter
    action()
    samples = []
    for _ in range(RUNS):
        cold_caches()
        start = clock()
        action()
        samples.append(clock() - start)
    return statistics.median(samples)


def floor(data: bytes) -> float:
    def touch() -> int:
        total = 0
        for line in data.splitlines():
            total += len(line)
        return total

    return timed(touch)


def main() -> None:
    cases = [
        ("2,000 ordinary phone-export cards", ordinary(), 1.0),
        ("2,000 cards x 100 numbers", many_numbers(), 2.0),
        ("200,000 nested BEGIN lines", nested_begins(), 2.0),
        ("5 MB of text (the cap)", text_at_cap(), 2.0),
        ("64 MB of cards with 46 KB photos", photos_at_cap(), 2.0),
    ]
    print(
        f"{'input':36} {'size':>9} {'wall':>9} {'cpu':>9} {'floor':>9} {'ratio':>7} {'budget':>7}"
    )
    for name, data, budget in cases:
        took = timed(functools.partial(parse_vcards, data, "GB"))
        cpu = timed(functools.partial(parse_vcards, data, "GB"), cpu=True)
        base = floor(data)
        result = parse_vcards(data, "GB")
        verdict = "ok" if took <= budget else ("ok (cpu)" if cpu <= budget else "OVER")
        print(
            f"{name:36} {len(data) / 1e6:7.1f}MB {took * 1000:7.0f}ms {cpu * 1000:7.0f}ms "
            f"{base * 1000:7.1f}ms {took / base:6.0f}x {budget:5.1f}s {verdict}  "
            f"({len(result.contacts)} people)"
        )


def number_checks() -> None:
    """How much of the ordinary case is the number check (`dial()` via validation), which
    every number in crisisplan goes through and the vCard reader does not own."""
    from crisisplan.core.validation import phone_problem

    numbers = [f"07700 9{n % 100000:05d}" for n in range(2_000)]
    numbers += [f"020 7946 {n % 10000:04d}" for n in range(2_000)]
    took = timed(lambda: [phone_problem(number, "GB") for number in numbers])
    cpu = timed(lambda: [phone_problem(number, "GB") for number in numbers], cpu=True)
    print(
        f"of which checking the 4,000 numbers of the ordinary case: {took * 1000:.0f} ms wall, "
        f"{cpu * 1000:.0f} ms cpu"
    )


if __name__ == "__main__":
    main()
    number_checks()
