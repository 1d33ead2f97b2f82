"""The policy document: its schema, and parsing with errors that carry line numbers.

    version: "2025-06-01"         # any string; reported by `policy explain` and in the audit trail
    default: deny                 # what happens to a jurisdiction no rule names (deny | allow)
    groups: {EU: [AT, BE, ...]}   # named groups of ISO 3166-1 alpha-2 codes
    regions: {singapore: SG}      # hosting region -> country, for hosted_in / hosted_outside
    rules:                        # first matching rule decides
      - name: cn-openai-only
        tenants: [tnt_x]          # selectors (all given must match): tenants, jurisdictions, entity_types
        jurisdictions: [CN]
        deny: "reason"            # refuse everything (or the rule's allow-lists below)
        models: [gpt-4o]          # allow-lists ("*" or omitted = all): models, families, providers
        deny_models: [], deny_families: [anthropic], deny_providers: []
        regions: [singapore]      # hosting: allowed regions ("*" = any), exclude_regions,
        hosted_in: [EU]           #   region country in these codes/groups,
        hosted_outside: [CN]      #   region country not in these (unknown country = not allowed)

Contract overrides for one tenant are rules with a `tenants:` selector placed first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

__all__ = ["Rule", "PolicyDoc", "PolicyError", "Problem", "Catalogue", "parse_policy", "parse_policy_text"]

_CODE = re.compile(r"^[A-Z]{2}$")
StrList = list[str] | Literal["*"]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str | None = None
    tenants: list[str] | None = None
    jurisdictions: list[str] | None = None
    entity_types: list[str] | None = None
    deny: str | bool = False
    models: StrList = "*"
    families: StrList = "*"
    providers: StrList = "*"
    deny_models: list[str] = Field(default_factory=list)
    deny_families: list[str] = Field(default_factory=list)
    deny_providers: list[str] = Field(default_factory=list)
    regions: StrList = "*"
    exclude_regions: list[str] = Field(default_factory=list)
    hosted_in: list[str] | None = None
    hosted_outside: list[str] | None = None

    @field_validator("jurisdictions", "hosted_in", "hosted_outside")
    @classmethod
    def _upper(cls, v: list[str] | None) -> list[str] | None:
        return [x.strip().upper() for x in v] if v is not None else None


class PolicyDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str = "unversioned"
    default: Literal["deny", "allow"] = "deny"
    groups: dict[str, list[str]] = Field(default_factory=dict)
    regions: dict[str, str] = Field(default_factory=dict)
    rules: list[Rule] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, v: Any) -> Any:
        return str(v) if v is not None else v


@dataclass(frozen=True, slots=True)
class Problem:
    line: int | None
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.path}: {self.message}" if self.path else f"{where}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "path": self.path, "message": self.message, "severity": self.severity}


class PolicyError(ValueError):
    """The policy is invalid; `problems` lists every error found (with line numbers where known)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _line(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at `loc` (the nearest existing ancestor)."""
    best = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == part), None)
            if nxt is None:
                key = next((k for k, _ in node.value if k.value == part), None)
                return key.start_mark.line + 1 if key is not None else best
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return best
        best = node.start_mark.line + 1
    return best


def _semantic(doc: PolicyDoc, node: yaml.Node | None, base: tuple[Any, ...],
              models: dict[str, tuple[str | None, tuple[tuple[str, str], ...]]] | None) -> list[Problem]:
    out: list[Problem] = []

    def add(loc: tuple[Any, ...], msg: str, severity: str = "error") -> None:
        out.append(Problem(_line(node, base + loc), ".".join(map(str, base + loc)), msg, severity))

    for g, codes in doc.groups.items():
        for i, c in enumerate(codes):
            if not _CODE.match(c):
                add(("groups", g, i), f"{c!r} is not an ISO 3166-1 alpha-2 code")
    for r, country in doc.regions.items():
        if not _CODE.match(country):
            add(("regions", r), f"{country!r} is not an ISO 3166-1 alpha-2 code")
    names: set[str] = set()
    known_regions = set(doc.regions)
    if models is not None:
        known_regions |= {reg for _, deps in models.values() for _, reg in deps}
    for i, rule in enumerate(doc.rules):
        if rule.name in names:
            add(("rules", i, "name"), f"rule name {rule.name!r} is used twice")
        names.add(rule.name)
        for field in ("jurisdictions", "hosted_in", "hosted_outside"):
            for j, c in enumerate(getattr(rule, field) or ()):
                if not _CODE.match(c) and c not in doc.groups:
                    add(("rules", i, field, j), f"{c!r} is neither a country code nor a group")
        if models is not None:
            for field in ("models", "deny_models"):
                v = getattr(rule, field)
                for j, m in enumerate(v if isinstance(v, list) else ()):
                    if m not in models:
                        add(("rules", i, field, j), f"unknown model {m!r} (not in the catalogue)")
            for field in ("regions", "exclude_regions"):
                v = getattr(rule, field)
                for j, reg in enumerate(v if isinstance(v, list) else ()):
                    if reg not in known_regions:
                        add(("rules", i, field, j), f"unknown hosting region {reg!r}", "warning")
        if rule.hosted_in or rule.hosted_outside:
            missing = sorted(reg for reg in known_regions if reg not in doc.regions)
            if missing:
                add(("rules", i), f"regions without a country in `regions:` never count as hosted in/outside "
                                  f"a country: {', '.join(missing)}", "warning")
    return out


Catalogue = dict[str, tuple[str | None, tuple[tuple[str, str], ...]]]


def parse_policy(raw: Any, *, node: yaml.Node | None = None, base: tuple[Any, ...] = (),
                 models: Catalogue | None = None) -> tuple[PolicyDoc, list[Problem]]:
    """Validate a policy mapping; returns (policy, warnings). `models` (name -> (family,
    ((provider, region), ...))) enables catalogue checks. Raises PolicyError listing the errors."""
    if not isinstance(raw, dict):
        raise PolicyError([Problem(_line(node, base), ".".join(map(str, base)), "the policy must be a mapping")])
    try:
        doc = PolicyDoc.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and ("[" in x or x.startswith("literal"))))
            problems.append(Problem(_line(node, base + loc), ".".join(map(str, base + loc)), e["msg"]))
        raise PolicyError(problems) from None
    found = _semantic(doc, node, base, models)
    if any(p.severity == "error" for p in found):
        raise PolicyError(found)
    return doc, found


def parse_policy_text(text: str, *, models: Catalogue | None = None) -> tuple[PolicyDoc, list[Problem]]:
    """Parse a policy file, or a config file whose `policy:` section holds the policy."""
    try:
        node = yaml.compose(text)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise PolicyError([Problem(line, "", f"not valid YAML: {getattr(exc, 'problem', None) or exc}")]) from None
    base: tuple[Any, ...] = ()
    if isinstance(raw, dict) and "rules" not in raw and isinstance(raw.get("policy"), dict):
        raw, base = raw["policy"], ("policy",)
    return parse_policy(raw if raw is not None else {}, node=node, base=base, models=models)
