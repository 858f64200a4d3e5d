"""Time reports.sroi.calculate() on a large realistic case: 50 outcomes over a 10-year horizon.

Run from the project root: .venv/bin/python bench/sroi_bench.py [runs]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reports.sroi import Calculation, InputItem, Outcome, calculate, ratio

OUTCOME_COUNT = 50
HORIZON_YEARS = 10
DEFAULT_RUNS = 200
TARGET_MS = 5.0
NEAR_BREAK_EVEN_RATIO = Decimal("1.01")
CENT = Decimal("0.01")


def build_case(seed: int = 2024) -> Calculation:
    rng = random.Random(seed)  # fixed seed so runs are comparable

    def share(high: int) -> Decimal:
        return Decimal(rng.randint(0, high)) / 100

    outcomes = []
    for number in range(OUTCOME_COUNT):
        start_year = rng.randint(1, 3)
        outcomes.append(
            Outcome(
                name=f"Outcome {number + 1}",
                quantity=rng.randint(1, 500),
                financial_proxy=Decimal(rng.randint(100, 2_000_000)) / 100,
                deadweight=share(60),
                displacement=share(30),
                attribution=share(50),
                drop_off=share(40),
                start_year=start_year,
                duration_years=rng.randint(1, HORIZON_YEARS - start_year + 1),
            )
        )
    amounts = [Decimal(rng.randint(500_000_000, 2_000_000_000)) / 100 for _ in range(5)]
    inputs = [InputItem(f"Input {number + 1}", amount) for number, amount in enumerate(amounts)]
    return Calculation(inputs=inputs, outcomes=outcomes, discount_rate=Decimal("0.035"))


def time_calls(calc: Calculation, runs: int, with_sensitivity: bool) -> list[float]:
    calculate(calc, with_sensitivity=with_sensitivity)  # warm-up
    durations_ms = []
    for _ in range(runs):
        started = time.perf_counter()
        calculate(calc, with_sensitivity=with_sensitivity)
        durations_ms.append((time.perf_counter() - started) * 1000)
    return durations_ms


def percentile_95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def near_break_even(calc: Calculation) -> Calculation:
    """Same outcomes, inputs set so the ratio is ~1.01: most break-evens then exist and need solving."""
    present_value = calculate(calc, with_sensitivity=False).present_value
    return Calculation(
        inputs=[InputItem("Total investment", (present_value / NEAR_BREAK_EVEN_RATIO).quantize(CENT))],
        outcomes=calc.outcomes,
        discount_rate=calc.discount_rate,
    )


def report(label: str, calc: Calculation, runs: int) -> bool:
    result = calculate(calc)
    solved = sum(row.break_even_value is not None for row in result.sensitivity)
    print(
        f"{label}: {len(calc.outcomes)} outcomes, {len(result.years)} years, "
        f"SROI ratio {ratio(result.sroi_ratio)}, {solved}/{len(result.sensitivity)} break-even values found; "
        f"{runs} runs each"
    )
    all_met = True
    for mode, with_sensitivity in (("without sensitivity", False), ("with sensitivity", True)):
        durations = time_calls(calc, runs, with_sensitivity)
        median, p95 = statistics.median(durations), percentile_95(durations)
        met = median < TARGET_MS
        all_met &= met
        print(
            f"  calculate() {mode:<20} median {median:7.3f} ms   p95 {p95:7.3f} ms   "
            f"{'meets' if met else 'MISSES'} the < {TARGET_MS:g} ms target (median)"
        )
    return all_met


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RUNS
    typical = build_case()
    all_met = report("Typical case", typical, runs)
    all_met &= report("Near break-even case", near_break_even(typical), runs)
    print("All timings meet the target." if all_met else "Some timings miss the target.")


if __name__ == "__main__":
    main()
