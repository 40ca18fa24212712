"""The jurisdiction table of docs/compliance.md, made from the data files so the two cannot disagree:

    python -m rolebook.compliance.table
"""

from __future__ import annotations

from rolebook.compliance.rulebook import POSTING_RULES, jurisdiction_table

ASKS = {
    "pay-range": "pay range (`pay-range-missing`)",
    "closed-pay-range": "no open-ended range (`open-ended-pay-range`)",
    "benefits": "benefits (`benefits-missing`)",
    "closing-date": "application deadline (`closing-date-missing`)",
    "no-pay-history": "no pay-history question (`pay-history-question`)",
    "neutral-title": "gender-neutral title (`gendered-title` cites it)",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _condition(limit) -> str:
    return f", where the pay is below {limit.amount:,} {limit.currency} a {limit.period}" if limit else ""


def markdown() -> str:
    rows = ["| Code | Jurisdiction | Includes | A posting must have | Since | Source |", "|---|---|---|---|---|---|"]
    for code, jurisdiction in jurisdiction_table():
        name = jurisdiction.name.get("en") if isinstance(jurisdiction.name, dict) else jurisdiction.name
        rules = [(rule, getattr(jurisdiction.posting, attribute)) for rule, attribute in POSTING_RULES.items()]
        rules = [(rule, ref) for rule, ref in rules if ref is not None]
        includes = ", ".join(jurisdiction.includes) or "—"
        if not rules:
            rows.append(f"| `{code}` | {name} | {includes} | — | — | — |")
        for i, (rule, ref) in enumerate(rules):
            first = i == 0
            rows.append(f"| {f'`{code}`' if first else ''} | {name if first else ''} | {includes if first else ''} | "
                        f"{ASKS[rule]}{_condition(ref.below)} | {ref.since.isoformat() if ref.since else '—'} | {_cell(ref.source)} |")
    rows += ["", "The laws a `discriminatory-requirement` finding cites, by ground (a jurisdiction also cites those of "
             "the jurisdictions it includes):", "", "| Code | Ground | Law |", "|---|---|---|"]
    for code, jurisdiction in jurisdiction_table():
        for i, (ground, source) in enumerate(jurisdiction.grounds.items()):
            rows.append(f"| {f'`{code}`' if i == 0 else ''} | {ground} | {_cell(source)} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
