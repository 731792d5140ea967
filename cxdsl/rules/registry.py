"""The rule registry: every diagnostic code, its name, severity and documentation."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar, cast, get_args, get_origin

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Issue, Related, Severity, Span, printable
from ..loading import Document, Workspace
from ..model import Entity, Settings
from ..model.introspect import Path, walk
from ..resolve import Index

E = TypeVar("E", bound=Entity)
#: Where a rule's docstring starts its example.
EXAMPLE_START = "\n\n**Fails**"


@dataclass(frozen=True)
class Check:
    """A catalogue entry: what a code means."""

    code: str
    name: str
    severity: Severity
    doc: str
    #: Loader errors cannot be silenced: the model would be incomplete.
    configurable: bool = True
    #: A rule's example in Markdown: a failing YAML document, then the fixed one.
    example: str = ""

    @property
    def documentation(self) -> str:
        """The whole documentation in Markdown: what the code means, why, the example."""
        return f"{self.doc}\n\n{self.example}" if self.example else self.doc


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where, what, and how to fix it. The engine adds the code and
    turns the anchor into a ``file:line:column`` span.

    ``anchor`` is an entity or an object inside one (a step, a pain point, a measurement),
    and ``at`` the fields below it that are at fault; a rule that reads file text rather
    than the model gives a ``Span``.
    """

    anchor: BaseModel | Span
    message: str
    hint: str | None = None
    at: Path = ()
    #: Other places that explain it; each one's message says what it is.
    related: tuple[Finding, ...] = ()


@dataclass
class RuleContext:
    """What a rule may look at: the workspace and its index."""

    workspace: Workspace
    index: Index
    _docs: dict[int, Document] = field(default_factory=dict, repr=False)
    _paths: dict[int, dict[int, Path]] = field(default_factory=dict, repr=False)

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    def span(self, anchor: BaseModel | Span, at: Path = (), doc: Document | None = None) -> Span:
        """Where an anchor (and the fields ``at`` below it) was written."""
        return self.locate(anchor, at, doc)[0]

    def locate(
        self, anchor: BaseModel | Span, at: Path = (), doc: Document | None = None
    ) -> tuple[Span, str | None]:
        """Where an anchor (and the fields ``at`` below it) was written, and what it is
        (``kind:id/path``, the same however the file's lines move)."""
        if isinstance(anchor, Span):
            return anchor, None
        if doc is None:
            if not self._docs:
                self._docs = {id(d.entity): d for d in self.workspace.documents}
            doc = self._docs[id(anchor)]
        paths = self._paths.get(id(doc))
        if paths is None:
            # Built once per document that has a finding: rules name objects, not paths.
            paths = {id(doc.entity): ()}
            for path, value, marker in walk(doc.entity):
                if marker is None:
                    paths.setdefault(id(value), path)
            self._paths[id(doc)] = paths
        path = (*paths[id(anchor)], *at)
        subject = "/".join([f"{doc.kind}:{doc.id}", *(str(part) for part in path)])
        return doc.span_at(path), subject

    def issue(self, code: str, finding: Finding, doc: Document | None = None) -> Issue:
        """The located issue of a finding (``doc``: the document the anchor lies in)."""
        related = tuple(
            Related(message=r.message, span=self.span(r.anchor, r.at, None))
            for r in finding.related
        )
        span, subject = self.locate(finding.anchor, finding.at, doc)
        return Issue(code, finding.message, span, finding.hint, related, subject)


class Rule:
    """A semantic check over the resolved workspace. Subclasses set the class attributes
    and document themselves in their docstring (with a failing and a fixed example); they
    derive from ``WorkspaceRule`` or ``EntityRule[SomeEntity]``."""

    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.ERROR

    def issues(self, ctx: RuleContext) -> Iterator[Issue]:
        """What the engine runs: every finding of the rule, located."""
        raise NotImplementedError


class WorkspaceRule(Rule):
    """A rule that looks at the whole workspace at once (a tree, files, every text)."""

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    def issues(self, ctx: RuleContext) -> Iterator[Issue]:
        for finding in self.check(ctx):
            yield ctx.issue(self.code, finding)


class EntityRule(Rule, Generic[E]):
    """A rule over each entity of one class: ``class R(EntityRule[Journey])`` gets every
    journey (first definitions only), typed, in ``check(journey, ctx)``."""

    entity_type: ClassVar[type[Any]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for base in getattr(cls, "__orig_bases__", ()):
            if get_origin(base) is EntityRule:
                cls.entity_type = get_args(base)[0]

    def check(self, entity: E, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    def issues(self, ctx: RuleContext) -> Iterator[Issue]:
        for entity, doc in ctx.index.entities(cast(type[E], self.entity_type)):
            for finding in self.check(entity, ctx):
                yield ctx.issue(self.code, finding, doc)


class Registry:
    """Codes to checks, and the rules that report them (see ``cxdsl.rules.load_rules``)."""

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
        # The docstring is the documentation: what and why, then "**Fails**" and "**Fixed**".
        doc, marker, example = inspect.cleandoc(cls.__doc__ or "").partition(EXAMPLE_START)
        self.add(
            Check(cls.code, cls.name, cls.default_severity, doc, example=marker.lstrip() + example)
        )
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
            subject=issue.subject,
            fix=issue.fix,
        )

    def catalogue(self) -> list[Check]:
        return sorted(self.checks.values(), key=lambda c: c.code)


#: The one registry, filled by ``cxdsl.rules.load_rules``.
registry = Registry()
