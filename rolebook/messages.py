"""What rolebook says to its user, in the project's language: one gettext catalogue.

Every message of the command line is written in English in the code, marked with `_()` (a constant
text, its values given by name: `_("role '{role}' has no KPI").format(role=...)`), and translated from
`rolebook/locale/<language>/LC_MESSAGES/rolebook.mo`. The catalogues are made with Babel
(`python tools/messages.py`: extract, update, compile; zh-TW converted from zh-CN with OpenCC) and a test
fails when a marked message lacks a translation. Codes, file names, positions and exit statuses are never
translated: tools read them.

The command line chooses the language once, from the project it works on (`paths.use_projects`); code that runs without
a command (tests calling the library) speaks English.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "rolebook"
CATALOGUES = {"zh-CN": "zh_CN", "zh-TW": "zh_TW"}

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def catalogue_for(language: str | None) -> str | None:
    """The catalogue of a BCP 47 tag (zh-Hans-CN → zh_CN, zh-HK → zh_TW), or None for English."""
    if not language:
        return None
    tag = language.lower()
    if tag.startswith("zh"):
        return "zh_TW" if any(part in tag for part in ("-tw", "-hk", "-mo", "-hant")) else "zh_CN"
    return None


def use(language: str | None) -> None:
    """Speak `language` from now on (English when it has no catalogue)."""
    global _active, _language
    name = catalogue_for(language)
    _language = {"zh_CN": "zh-CN", "zh_TW": "zh-TW"}.get(name or "", "en")
    _active = gettext.translation(DOMAIN, LOCALE, [name], fallback=True) if name else gettext.NullTranslations()


def system_language(environ=None) -> str:
    """The language of the system's locale (LC_ALL, LC_MESSAGES, LANG): Chinese where the
    user's system is Chinese (zh_TW, zh_HK: traditional), English otherwise."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (environ.get(name) or "").lower().replace("-", "_")
        if value:
            if value.startswith(("zh_tw", "zh_hk", "zh_mo", "zh_hant")):
                return "zh-TW"
            return "zh-CN" if value.startswith("zh") else "en"
    return "en"


def language() -> str:
    return _language


def _(text: str) -> str:
    """The message in the language in use."""
    return _active.gettext(text)


def N_(text: str) -> str:
    """Marks a text for the catalogue where it is defined; `_()` translates it where it is used."""
    return text


def ngettext(singular: str, plural: str, count: int) -> str:
    return _active.ngettext(singular, plural, count)
