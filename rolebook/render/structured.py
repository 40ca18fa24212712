"""schema.org structured data (JSON-LD) for search engines: a JobPosting for a posting, an Occupation for a
job description. Plain data from the role, the same for the same inputs (no clock)."""

from __future__ import annotations

import datetime
import json
from html import escape

from rolebook.render.markdown import parser

# The spec's employment types as schema.org (and Google) name them.
EMPLOYMENT_TYPES = {"full-time": "FULL_TIME", "part-time": "PART_TIME", "contract": "CONTRACTOR",
                    "temporary": "TEMPORARY", "intern": "INTERN"}
SALARY_UNITS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}


def plain(text) -> str:
    """Markdown as plain text: what the words say, without the markup."""
    if not text:
        return ""
    words: list[str] = []
    for token in parser().parse(str(text)):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "text_special"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
            words.append("\n")
    return " ".join("".join(words).split("\n")).strip()


def _items(values) -> str:
    return "<ul>" + "".join(f"<li>{escape(plain(v))}</li>" for v in values if plain(v)) + "</ul>"


def _requirements(role, f) -> tuple[list[str], list[str]]:
    needs = f.requirements(role.requirements)
    lines = {side: [] for side in ("essential", "desirable")}
    for side, entries in needs.items():
        for label, value in entries:
            if isinstance(value, str):
                lines[side].append(f"{label}{f.labels['label_colon']}{plain(value)}")
            else:
                lines[side] += [f"{plain(name)}{f.labels['label_colon'] + plain(d) if d else ''}" for name, d in value]
    return lines["essential"], lines["desirable"]


def _place(role, country: str | None) -> dict | None:
    if not role.location:
        return None
    address = {"@type": "PostalAddress", "addressLocality": plain(role.location)}
    if country:
        address["addressCountry"] = country
    return {"@type": "Place", "address": address}


def _salary(role, kind: str) -> dict | None:
    salary = role.salary
    if salary is None or (salary.min is None and salary.max is None):
        return None
    value = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS[salary.period]}
    if salary.min is not None:
        value["minValue"] = salary.min
    if salary.max is not None:
        value["maxValue"] = salary.max
    return {"@type": kind, "currency": salary.currency, "value": value}


def job_posting(role, organization: str | None, posting, f, posted: datetime.date | None) -> dict:
    """schema.org JobPosting with what Google requires (title, description, datePosted, hiringOrganization,
    jobLocation) and what the role says besides."""
    essential, desirable = _requirements(role, f)
    duties = [duty.title for duty in role.duties]
    benefits = (posting.benefits if posting else []) + (role.posting.benefits if role.posting else [])
    description = "".join(part for part in (
        f"<p>{escape(plain(posting.about))}</p>" if posting and posting.about else "",
        f"<p>{escape(plain(role.summary))}</p>" if role.summary else "",
        _items(duties) if duties else "",
        _items(essential + desirable) if essential or desirable else "",
        _items(benefits) if benefits else "",
        f"<p>{escape(plain(posting.apply))}</p>" if posting and posting.apply else "") if part)
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": plain(role.title),
        "description": description or escape(plain(role.title)),
        "datePosted": posted.isoformat() if posted else None,
        "hiringOrganization": {"@type": "Organization", "name": plain(organization) or plain(role.department)
                               or plain(role.title)},
        "jobLocation": _place(role, posting.country if posting else None),
        "employmentType": EMPLOYMENT_TYPES.get(role.employment_type or ""),
        "responsibilities": "\n".join(plain(d) for d in duties) or None,
        "qualifications": "\n".join(essential) or None,
        "skills": "\n".join(plain(s if isinstance(s, str) else s.name)
                            for s in (role.requirements.skills if role.requirements else [])) or None,
        "educationRequirements": plain(role.requirements.education) if role.requirements else None,
        "experienceRequirements": plain(role.requirements.experience) if role.requirements else None,
        "jobBenefits": "\n".join(plain(b) for b in benefits) or None,
        "validThrough": role.posting.closes.isoformat() if role.posting and role.posting.closes else None,
        "baseSalary": _salary(role, "MonetaryAmount"),
        "totalJobOpenings": role.headcount,
    }
    if posting and posting.about:
        data["hiringOrganization"]["description"] = plain(posting.about)
    return {key: value for key, value in data.items() if value not in (None, "")}


def occupation(role, f) -> dict:
    """schema.org Occupation: the role as an occupation (Google's estimated-salary result also needs
    `salary:` and `location:` in the spec)."""
    essential, _ = _requirements(role, f)
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": plain(role.title),
        "description": plain(role.summary) or plain(role.title),
        "occupationLocation": [{"@type": "City", "name": plain(role.location)}] if role.location else None,
        "estimatedSalary": [_salary(role, "MonetaryAmountDistribution")] if _salary(role, "x") else None,
        "responsibilities": "\n".join(plain(d.title) for d in role.duties) or None,
        "qualifications": "\n".join(essential) or None,
        "skills": "\n".join(plain(s if isinstance(s, str) else s.name)
                            for s in (role.requirements.skills if role.requirements else [])) or None,
        "educationRequirements": plain(role.requirements.education) if role.requirements else None,
        "experienceRequirements": plain(role.requirements.experience) if role.requirements else None,
    }
    return {key: value for key, value in data.items() if value not in (None, "")}


def script(data: dict) -> str:
    """JSON-LD as it can stand inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
