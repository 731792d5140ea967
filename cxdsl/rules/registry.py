"""The rule registry: every diagnostic code, its name, severity and documentation."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from ..diagnostics import Diagnostic, Issue, Severity, printable
from ..loading import Workspace
from ..model import Settings
from ..resolve import Index


@dataclass(frozen=True)
class Check:
    """A catalogue entry: what a code means."""

    code: str
    name: str
    severity: Severity
    doc: str
    #: Loader errors cannot be silenced: the model would be incomplete.
    configurable: bool = True


@dataclass
class RuleContext:
    """What a rule may look at: the workspace and its index."""

    workspace: Workspace
    index: Index

    @property
    def settings(self) -> Settings:
        return self.workspace.settings


class Rule:
    """A semantic check over the resolved workspace. Subclasses set the class attributes,
    document themselves in their docstring and yield issues from ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Issue]:
        raise NotImplementedError


class Registry:
    """Codes to checks; rules register themselves with ``@registry.register``."""

    def __init__(self) -> None:
        self.checks: dict[str, Check] = {}
        self.rules: list[Rule] = []
        self._by_name: dict[str, str] = {}

    def add(self, check: Check) -> None:
        if check.code in self.checks or check.name in self._by_name:
            raise ValueError(f"duplicate rule {check.code} {check.name}")
        self.checks[check.code] = check
        self._by_name[check.name] = check.code

    def register(self, cls: type[Rule]) -> type[Rule]:
        doc = inspect.cleandoc(cls.__doc__ or "")
        self.add(Check(cls.code, cls.name, cls.default_severity, doc))
        self.rules.append(cls())
        return cls

    def code_of(self, key: str) -> str | None:
        """A code from a code or a dotted name."""
        return key if key in self.checks else self._by_name.get(key)

    def severity(self, code: str, settings: Settings) -> Severity | None:
        """The severity after the workspace's overrides; None when the rule is off."""
        check = self.checks[code]
        if not check.configurable:
            return check.severity
        level = settings.rules.get(code) or settings.rules.get(check.name)
        if level is None:
            return check.severity
        return None if level == "off" else Severity(level)

    def stamp(self, issue: Issue, settings: Settings) -> Diagnostic | None:
        """The engine, not the rule, stamps name and severity (after overrides)."""
        check = self.checks[issue.code]
        severity = self.severity(issue.code, settings)
        if severity is None:
            return None
        return Diagnostic(
            code=issue.code,
            name=check.name,
            severity=severity,
            message=printable(issue.message),
            span=issue.span,
            hint=printable(issue.hint) if issue.hint else None,
            related=issue.related,
        )

    def catalogue(self) -> list[Check]:
        return sorted(self.checks.values(), key=lambda c: c.code)


registry = Registry()


def load_rules() -> Registry:
    """Import every rule module of this package once (sorted, so the order is stable)."""
    from . import builtin, rules_pkg_name

    del builtin
    package = importlib.import_module(rules_pkg_name)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("cx"):
            importlib.import_module(f"{rules_pkg_name}.{info.name}")
    return registry
