import pytest

WINDOW_START = 1_800_000_000.0  # a multiple of 60: the windows' clock below sits 10 s into a minute


class Clock:
    def __init__(self):
        self.now = WINDOW_START + 10

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The rate limits' clock stands still unless a test moves it: a slow run never crosses a window."""
    fixed = Clock()
    monkeypatch.setattr("api_access.rate_limit.current_time", fixed)
    return fixed
