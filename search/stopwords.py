"""Function words a query can do without: dropped from a query's terms when the query has other words.

Pure Python, no Django. Why: "การศึกษาที่เท่าเทียม" segments to การศึกษา + ที่ + เท่าเทียม, and "ที่" is in almost
every document, so matching on it ranks nothing better and makes every such query read the whole index's most
common postings. PyThaiNLP's ``thai_stopwords()`` (1,030 entries) also lists content words a reader searches
for (ภาค, กลุ่ม, ชาว, ใหม่, สำคัญ), so this is a short list of particles, prepositions, conjunctions and
auxiliaries only. A query made only of such words keeps them all: "ที่" alone still finds what contains it.
The index itself keeps every word.
"""

from __future__ import annotations

__all__ = ["STOPWORDS", "content_terms"]

THAI_FUNCTION_WORDS = frozenset((
    "ที่", "ซึ่ง", "อัน", "ใน", "บน", "ของ", "และ", "กับ", "แก่", "แต่", "หรือ", "ก็", "จะ", "ได้", "ให้", "ไม่",
    "มี", "เป็น", "คือ", "ว่า", "โดย", "จาก", "ถึง", "ต่อ", "เพื่อ", "นี้", "นั้น", "โน้น", "แล้ว", "ยัง", "อยู่", "ไป",
    "มา", "ด้วย", "ทั้ง", "อีก", "แห่ง", "กัน", "ตาม", "เมื่อ", "หาก", "ถ้า", "เพราะ", "จึง", "ผู้", "การ", "ความ", "ไว้",
    "เลย", "นะ", "ครับ", "ค่ะ", "คะ", "จ้ะ", "หรือไม่", "อย่าง", "ๆ",
))  # fmt: skip
ENGLISH_FUNCTION_WORDS = frozenset((
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with",
    "as", "is", "are", "was", "were", "be", "been", "this", "that", "these", "those",
))  # fmt: skip
STOPWORDS = THAI_FUNCTION_WORDS | ENGLISH_FUNCTION_WORDS


def content_terms(terms: list[str]) -> list[str]:
    """``terms`` without function words, order kept; all of ``terms`` when nothing else would remain."""
    kept = [term for term in terms if term not in STOPWORDS]
    return kept or list(terms)
