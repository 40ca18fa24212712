"""`rolebook import`: the documents HR already has (Word, HTML, Markdown, text, PDF job descriptions and
Excel/CSV KPI sheets) as role specs.

readers.py turns each file into blocks, recognise.py finds the spec's fields in them, write.py writes the
YAML. Every file is read and recognised before anything is written; nothing is ever overwritten.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from rolebook.messages import _
from rolebook.importers.blocks import ImportError_
from rolebook.importers.readers import read
from rolebook.importers.recognise import kpi_header, recognise
from rolebook.importers.traditional import mainland_view
from rolebook.importers.write import language_of, slug, spec_text
from rolebook.paths import ID_PATTERN, SPECS_DIR


@dataclass
class Imported:
    source: Path
    role_id: str
    target: Path
    text: str
    placed: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    unplaced: int = 0

    def summary(self) -> dict:
        return {"file": str(self.source), "id": self.role_id, "spec": str(self.target),
                "placed": sorted(set(self.placed)), "placeholders": self.placeholders, "unplaced": self.unplaced}


def import_files(root: Path, files: list[Path], role_id: str | None = None,
                 family: str | None = None) -> list[Imported]:
    """Every file as a spec's text (nothing written): refused as a whole when one cannot be imported, when
    two would get one id, or when a spec of that id exists."""
    if role_id and len(files) > 1:
        raise ImportError_(_("--id names one role: import one file with it"))
    results: list[Imported] = []
    taken: dict[str, Path] = {}
    documents = [(path, part, sheet) for path in files for part, sheet in _roles_in(path, read(path))]
    if role_id and len(documents) > 1:
        raise ImportError_(_("--id names one role: import one file with it"))
    for path, blocks, sheet in documents:
        recognised = _recognised(blocks, sheet)
        title = recognised.spec.get("title", "")
        chosen = role_id or slug(title) or slug(path.stem)
        if not chosen or not re.fullmatch(ID_PATTERN, chosen):
            raise ImportError_(_("{path_name}: no id can be made from its title; give one with --id").format(
                                   path_name=path.name))
        if chosen in taken:
            raise ImportError_(_("{path_name} and {chosen_name} would both become role '{chosen}'; "
                                 "import them one at a time with --id").format(
                                   path_name=path.name,
                                   chosen_name=taken[chosen].name,
                                   chosen=chosen))
        target = root / SPECS_DIR / f"{chosen}.yaml"
        if os.path.lexists(target):
            raise ImportError_(_("{path_name}: {specs_dir}/{chosen}.yaml exists already; rolebook import "
                                 "never overwrites a spec (give another --id, or remove that file)").format(
                                   path_name=path.name,
                                   specs_dir=SPECS_DIR,
                                   chosen=chosen))
        taken[chosen] = path
        language = language_of(recognised, blocks)
        if language == "zh-TW":
            recognised.in_traditional_region(_regional_yuan(root))
        text, placeholders = spec_text(recognised, chosen, path.name, language, family)
        results.append(Imported(path, chosen, target, text, recognised.placed, placeholders,
                                len(recognised.unplaced)))
    return results


def _regional_yuan(root: Path) -> str:
    """What a bare 元 of a traditional document is worth in this project: a zh-HK project's is the Hong Kong
    dollar (it was read as NT$), a zh-MO one's the pataca, any other's the New Taiwan dollar."""
    from rolebook.project import read_languages

    parts = (read_languages(root).source or "").lower().split("-")  # zh-HK, zh-Hant-HK
    return "HKD" if "hk" in parts else "MOP" if "mo" in parts else "TWD"


def _recognised(blocks: list, sheet: str | None):
    """What the blocks say; a document in traditional characters is read through its simplified reading and
    its values written back as it wrote them (importers/traditional.py)."""
    view = mainland_view(blocks)
    if view is None:
        return recognise(blocks, source_title=sheet)
    simplified, back = view
    found = recognise(simplified, source_title=back(sheet))
    originals = {id(shown): block for shown, block in zip(simplified, blocks)}
    found.spec = back(found.spec)
    found.unplaced = [originals.get(id(block)) or replace(block, text=back(block.text), rows=back(block.rows))
                      for block in found.unplaced]
    found.mapping = [(back(text), back(where)) for text, where in found.mapping]
    return found


def _roles_in(path: Path, blocks: list) -> list[tuple[list, str | None]]:
    """The roles a file holds: a workbook whose sheets each hold a KPI table is one role a sheet (named after
    it); anything else is one role."""
    sheets = [block for block in blocks if block.kind == "table" and block.where.startswith("sheet ")]
    with_kpis = [block for block in sheets if any(kpi_header(row) for row in block.rows[:10])]
    if path.suffix.lower() in (".xlsx", ".csv") and not with_kpis:
        raise ImportError_(_("{path_name}: no KPI table found: a sheet needs a header row naming at least the KPI "
                             "(考核指标 / KPI) and its weight or target").format(path_name=path.name))
    if path.suffix.lower() == ".xlsx" and len(with_kpis) > 1 and len(with_kpis) == len(blocks):
        return [([block], block.where.removeprefix("sheet ")) for block in with_kpis]
    return [(blocks, None)]


def write_imported(results: list[Imported]) -> None:
    """Write each spec; a name that appears meanwhile is not overwritten (O_EXCL)."""
    for result in results:
        result.target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(result.target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(result.text)


__all__ = ["ImportError_", "Imported", "import_files", "write_imported"]
