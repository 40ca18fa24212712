"""Write rolebook/compliance/data/t2s.txt: each CJK character that OpenCC's t2s turns, alone, into another
single character, and what it becomes.

    python tools/t2s_table.py

The compliance rules read traditional characters as simplified ones, character by character (no phrase
context: an offset in the normalised text is an offset in the text). Looking each character up in OpenCC
took 6 ms of every check (loading the library and its dictionaries) for a table of a few thousand pairs;
the pairs are shipped instead. tests/test_compliance.py says when OpenCC no longer agrees with them.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rolebook.compliance.text import T2S_FILE, opencc_pairs, pairs_text  # noqa: E402

pairs = opencc_pairs()
T2S_FILE.write_text(pairs_text(pairs), encoding="utf-8")
print(f"wrote {len(pairs)} pairs to {T2S_FILE.relative_to(ROOT)}")
