"""Reads the platform's original FAQ (shared/seed/faq.th.txt) into questions and answers."""

import re
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_SEED = REPO_ROOT.parent / "shared" / "seed" / "faq.th.txt"
VENDORED_SEED = REPO_ROOT / "site" / "content" / "seed" / "faq.th.txt"


@dataclass
class SeedItem:
    question: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


def seed_path() -> Path:
    return SHARED_SEED if SHARED_SEED.exists() else VENDORED_SEED


def parse_seed(path: Path | None = None) -> list[SeedItem]:
    items: list[SeedItem] = []
    for raw in (path or seed_path()).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("Q :"):
            items.append(SeedItem(question=line[3:].strip()))
        elif not items or not line:
            continue
        elif line.startswith("A :"):
            text = line[3:].strip()
            if text:
                items[-1].paragraphs.append(text)
        elif line.startswith("•"):
            items[-1].bullets.append(re.sub(r"^•\s*", "", line))
        else:
            items[-1].paragraphs.append(line)
    return items
