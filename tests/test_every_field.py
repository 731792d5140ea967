"""Nothing the schema accepts is lost: every field of every entity kind, of every nested
model and of ``cxdsl.yaml`` is shown on the site in both languages, or is on the short,
documented list of machine-only fields (``cxdsl/site/machine_fields.py``).

The workspace is generated from the model itself (``cxdsl.model.introspect`` and the
classes' fields), so a field added to the model later is filled in automatically and
fails here until a page shows it (or it is listed as machine-only, with its reason):

- one *full* entity of every kind (``KINDS``) with every field set, nested models
  included (stages, steps, actions, pain points, effort, questions, plan entries,
  research, quotas, ...), and the settings with every field set;
- every value is a unique marker: a text is ``MK0042 …`` in each language, a number a
  value used nowhere else and of a shape no other value has (see ``integer``), an id a
  fresh id, a reference a fresh *target* entity (so its name, a marker too, shows where
  the reference is shown), a language or country code a code shown by its name, a date
  shown in both calendars, an enumerated value shown by its label, a boolean by the mark
  listed in ``BOOL_MARKS``;
- ids that only link things together (``Trigger.step``, ``Step.replaces``, ...) are
  fresh ids no step has, so the page shows them as written;
- each marker is looked for in the visible text of the page that holds its entity (the
  article, without navigation: ``page`` of ``KINDS``), in Arabic and in English; an id
  naming something is looked for in the HTML (anchors); the settings' markers anywhere;
- a number is looked for as a whole number (``WHOLE``): ``563`` is not seen in ``1,563``,
  ``1563``, ``563.5`` or ``-563``, so a number a page lost is not found inside another.

Two values need a second object to be seen, added by hand and said so: the workspace
``currency`` shows where a cost names none (one more step), a named answer scale where
a question uses it (one more question).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import yaml
from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, StringConstraints

from cxdsl.i18n import country_name, format_count, format_date, has_string, language_name, ui
from cxdsl.model import Settings
from cxdsl.model.base import ID_PATTERN, LANG_PATTERN, Entity, Ref, TextMarker
from cxdsl.model.introspect import field_specs
from cxdsl.model.kinds import BY_NAME, KINDS
from cxdsl.paths import entity_path
from cxdsl.site.build import build_site
from cxdsl.site.machine_fields import MACHINE_FIELDS, is_machine_field

LANGS = ("ar", "en")
#: How a boolean field set to true is shown (a field not listed fails the test).
BOOL_MARKS: dict[str, Callable[[str], str]] = {
    "Step.moment_of_truth": lambda _lang: "★",
    "SampleDesign.per_stage": lambda lang: ui("design_per_stage", lang),
}
#: Codes shown by their names (a pool, so each field gets its own).
LANGUAGE_CODES = ["id", "bug", "ur", "bn", "tr", "fa", "ms", "ha", "sw", "so"]
COUNTRY_CODES = ["ID", "PK", "NG", "EG", "TR", "MY", "BD", "SN", "ML", "SD"]
CURRENCY_CODES = ["XQA", "XQB", "XQC", "XQD", "XQE"]
#: A value whose markup must read as text wherever a page shows it.
HOSTILE = "<script>window.__xss=1</script> [x](javascript:alert(1))"
#: Minus signs: a number after one is another number (``-563`` is not ``563``).
MINUS = "-\u2212"
#: Decimal points and thousands separators (Latin and Arabic) between two digits.
SEPARATORS = ".,\u066b\u066c"
#: Where a number stands on its own: no digit or minus sign before it, no digit and
#: separator before it (``1,563``, ``0.563``), no digit after it, no separator and digit
#: after it (``563.5``, ``563,000``). A plus sign may stand before it (``+563``).
WHOLE = r"(?<![\d{minus}])(?<!\d[{sep}]){number}(?!\d)(?![{sep}]\d)"


def integer(n: int) -> int:
    """The integer marker for counter value ``n`` (300 to 2999): five digits, a multiple
    of ten (``73,450``). Every integer marker has the same length, so none is part of
    another; no id, date or text marker holds five digits; the values between two of
    them (an answer scale's inner values) are never markers."""
    assert 300 <= n < 3000, "integer markers must keep five digits"
    return 70_000 + 10 * n


def scale_end(n: int) -> int:
    """The magnitude of an emotion scale's end: six digits (``903,450``), beyond every
    integer marker (an emotion or a label of the scale must lie inside it)."""
    return 900_000 + 10 * n


def fraction(n: int) -> float:
    """A fraction marker (``0.813``): distinct to two decimals (``0.81``) and as a
    percentage (``81.3``), which no other marker's digits hold."""
    return round((10 + n % 89) / 100 + 0.003, 3)


def year(n: int) -> int:
    """A year marker: 19xx (dates are written in 2031 and later, 1453 in the Hijri)."""
    return 1900 + n % 100


@dataclass
class Want:
    """Where a marker must be seen: ``field`` (``Model.field``) of ``where``, any of
    ``needles[lang]`` in the article of ``page`` (None: any page; ``html``: in the HTML)."""

    field: str
    where: str
    page: str | None
    needles: dict[str, tuple[str, ...]]
    html: bool = False
    #: A number: its needles are matched as whole numbers (``WHOLE``).
    numeric: bool = False


def _same(*texts: str) -> dict[str, tuple[str, ...]]:
    return {lang: texts for lang in LANGS}


def _labels(value: str) -> dict[str, tuple[str, ...]]:
    """How an enumerated value may be shown: its ``value_`` label, its own string, as
    written with spaces, or upper case (a metric type)."""
    out = {}
    for lang in LANGS:
        found = [value.replace("_", " "), value.upper(), value]
        found += [ui(key, lang) for key in (f"value_{value}", value) if has_string(key)]
        out[lang] = tuple(found)
    return out


def _numbers(value: float, percent: bool) -> dict[str, tuple[str, ...]]:
    """How a number may be written: grouped or not (``1,563``, ``1563``), with a
    typographic minus, and a fraction as a percentage."""
    shown = [format_count(value), f"{value:g}"]
    shown += [s.replace("-", "\u2212") for s in shown if s.startswith("-")]
    if percent:
        shown.append(format_count(round(value * 100, 2)))
    return _same(*shown)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


@dataclass
class Generator:
    """Fills models with markers and records where each must be seen."""

    wants: list[Want] = field(default_factory=list)
    #: Fields the generator cannot fill (a new kind of value): each fails the tests.
    problems: list[str] = field(default_factory=list)
    #: The name marker of something declared once and named elsewhere (a dimension).
    names: dict[str, str] = field(default_factory=dict)
    docs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counter: itertools.count[int] = field(default_factory=lambda: itertools.count(300))
    page: str | None = None
    where: str = "cxdsl.yaml"
    pools: dict[str, list[str]] = field(
        default_factory=lambda: {
            "lang": list(LANGUAGE_CODES),
            "country": list(COUNTRY_CODES),
            "currency": list(CURRENCY_CODES),
        }
    )

    def n(self) -> int:
        return next(self.counter)

    def want(self, name: str, needles: dict[str, tuple[str, ...]], html: bool = False) -> None:
        self.wants.append(Want(name, self.where, self.page, needles, html))

    def want_number(self, name: str, value: float, percent: bool = False) -> None:
        self.wants.append(Want(name, self.where, self.page, _numbers(value, percent), numeric=True))

    def marker(self) -> str:
        return f"MK{self.n():04d}"

    def text(self, name: str) -> dict[str, str]:
        mark = self.marker()
        self.want(name, _same(mark))
        return {"ar": f"{mark} نص", "en": f"{mark} text"}

    # -- models ---------------------------------------------------------------------

    def model(self, cls: type[BaseModel], only_required: bool = False) -> dict[str, Any]:
        if cls.__name__ in OVERRIDES:
            value: dict[str, Any] = OVERRIDES[cls.__name__](self, cls.__name__)
            return value
        out: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            key = f"{cls.__name__}.{name}"
            if (only_required and not info.is_required()) or (
                issubclass(cls, Entity) and name == "id"
            ):
                continue
            if key in OVERRIDES:
                out[name] = OVERRIDES[key](self, key)
            elif name == "extensions":
                out.update(self.extensions(key))
            elif not is_machine_field(cls.__name__, name):
                out[name] = self.value(key, info.annotation, list(info.metadata))
        return out

    def extensions(self, key: str) -> dict[str, Any]:
        """Two ``x-`` keys: a nested value and a hostile string, both shown as text."""
        nested_key, hostile_key = f"x-mk{self.n()}", f"x-mk{self.n()}"
        mark, number = self.marker(), integer(self.n())
        hostile = f"{self.marker()} {HOSTILE}"
        self.want(key, _same(nested_key))
        self.want(key, _same(hostile_key))
        self.want(key, _same(mark))
        self.want_number(key, number)
        self.want(key, _same(hostile))
        return {nested_key: {"nested": [mark, number]}, hostile_key: hostile}

    def value(self, key: str, annotation: Any, metadata: list[Any]) -> Any:
        """A marker value of ``annotation`` (its ``metadata`` from the field)."""
        origin, args = get_origin(annotation), get_args(annotation)
        if origin is typing.Annotated:
            return self.value(key, args[0], [*annotation.__metadata__, *metadata])
        for meta in metadata:
            if isinstance(meta, TextMarker):
                return self.text(key)
            if isinstance(meta, Ref):
                return self.ref(key, meta.kind)
        if origin in (typing.Union, types.UnionType):
            choices = [a for a in args if a is not type(None)]
            return self.value(key, choices[0], metadata)
        if origin is list:
            return [self.value(key, args[0], [])]
        if origin is dict:
            return {self.value(key, args[0], []): self.value(key, args[1], [])}
        if origin is Literal:
            self.want(key, _labels(args[-1]))
            return args[-1]
        return self.plain(key, annotation, metadata)

    def plain(self, key: str, annotation: Any, metadata: list[Any]) -> Any:
        """A value of a type with no parameters: model, bool, number, date, string."""
        if (model := _model_of(annotation)) is not None:
            return self.model(model)
        if annotation is bool:
            if key not in BOOL_MARKS:
                self.problems.append(f"{key}: how is it shown when true? add it to BOOL_MARKS")
                return True
            self.want(key, {lang: (BOOL_MARKS[key](lang),) for lang in LANGS})
            return True
        if annotation in (int, float):
            return self.number(key, annotation, metadata)
        if annotation is dt.date:
            day = dt.date(2031, 1, 1) + dt.timedelta(days=self.n())
            self.want(key, {lang: (format_date(day, lang),) for lang in LANGS})
            return day.isoformat()
        if annotation is str:
            return self.string(key, metadata)
        self.problems.append(f"{key}: no marker for {annotation!r}; teach the generator")
        return None

    def number(self, key: str, kind: type, metadata: list[Any]) -> float:
        high = next(
            (m.le if isinstance(m, Le) else m.lt for m in metadata if isinstance(m, Le | Lt)), None
        )
        low = next(
            (m.ge if isinstance(m, Ge) else m.gt for m in metadata if isinstance(m, Ge | Gt)), None
        )
        n = self.n()
        percent = high is not None and high <= 1
        if percent:
            value: float = fraction(n)
        elif low is not None and low >= 1900:
            value = year(n)
        else:
            value = integer(n) if kind is int else integer(n) + 0.25
        self.want_number(key, value, percent)
        return value

    def string(self, key: str, metadata: list[Any]) -> str:
        pattern = next(
            (m.pattern for m in metadata if isinstance(m, StringConstraints) and m.pattern), None
        )
        if pattern is None:
            mark = self.marker()
            self.want(key, _same(mark))
            return mark
        if pattern == ID_PATTERN:
            ident = f"mkid{self.n()}"
            self.want(key, _same(ident), html=key.endswith(".id"))
            return ident
        if pattern == LANG_PATTERN:
            code = self.pools["lang"].pop(0)
            self.want(key, {lang: (language_name(code, lang),) for lang in LANGS})
            return code
        if pattern == "^[A-Z]{2}$":
            code = self.pools["country"].pop(0)
            self.want(key, {lang: (country_name(code, lang),) for lang in LANGS})
            return code
        if pattern == "^[A-Z]{3}$":
            code = self.pools["currency"].pop(0)
            self.want(key, _same(code))
            return code
        if "\\s<>" in pattern:  # a tag
            tag = f"mktag{self.n()}"
            self.want(key, _same(tag))
            return tag
        self.problems.append(f"{key}: no marker for the pattern {pattern!r}")
        return "x"

    # -- entities -------------------------------------------------------------------

    def entity(self, kind: str, ident: str, only_required: bool = False) -> dict[str, Any]:
        """An entity document of ``kind``, its markers wanted on its own page."""
        saved = self.page, self.where
        self.page = entity_path(kind, ident).split("#", 1)[0]
        self.where = f"{kind} {ident}"
        doc = {"kind": kind, "id": ident, **self.model(BY_NAME[kind].cls, only_required)}
        self.want(f"{BY_NAME[kind].cls.__name__}.id", _same(ident), html=True)
        self.docs.setdefault(kind, []).append(doc)
        self.page, self.where = saved
        return doc

    def ref(self, key: str, kind: str) -> str:
        """A fresh target entity of ``kind``: where ``key`` is shown, its name is."""
        ident = f"t{self.n()}-{kind.replace('_', '-')}"
        doc = self.entity(kind, ident, only_required=True)
        name = doc.get("name") or doc.get("title")
        assert isinstance(name, dict), f"{kind} has no name to be shown by"
        self.want(key, _same(name["en"].split()[0]))
        return ident


def _scale_end(sign: int) -> Callable[[Generator, str], int]:
    def end(gen: Generator, key: str) -> int:
        value = sign * scale_end(gen.n())
        gen.want_number(key, value)
        return value

    return end


def _fixed(value: Any, shown: Callable[[str], tuple[str, ...]] | None = None) -> Any:
    def fill(gen: Generator, key: str) -> Any:
        if shown is not None:
            gen.want(key, {lang: shown(lang) for lang in LANGS})
        return value

    return fill


def _emotion(gen: Generator, key: str) -> dict[str, int]:
    """Per persona (two, so each is named beside its value)."""
    return {
        gen.ref(key, "persona"): integer(gen.n()),
        gen.ref(key, "persona"): integer(gen.n()),
    }


def _emotion_values(gen: Generator, key: str, emotion: dict[str, int]) -> None:
    for value in emotion.values():
        gen.want_number(key, value)


def _step_emotion(gen: Generator, key: str) -> dict[str, int]:
    emotion = _emotion(gen, key)
    _emotion_values(gen, key, emotion)
    return emotion


#: Fields whose marker must satisfy more than its type (the scale's order, names that
#: must resolve, a site in both languages, a source that must be one file).
OVERRIDES: dict[str, Callable[[Generator, str], Any]] = {
    "Settings.languages": _fixed(list(LANGS)),
    "Settings.emotion_scales": lambda gen, _key: {
        "mkscale-full": gen.model(_scale_model()),
        "mkscale-default": gen.model(_scale_model()),
    },
    "Settings.default_emotion_scale": _fixed("mkscale-default", lambda _lang: ("mkscale-default",)),
    "Settings.ui": lambda gen, key: {"journey_map": gen.text(key)},
    "EmotionScale.min": _scale_end(-1),
    "EmotionScale.max": _scale_end(1),
    "ResponseScale": lambda gen, _key: _answer_scale(gen),
    "Journey.state": _fixed("to-be", lambda lang: (ui("to-be", lang),)),
    "Journey.emotion_scale": _fixed("mkscale-full", lambda _lang: ("mkscale-full",)),
    "Step.emotion": _step_emotion,
    "Dataset.source": _fixed("results/every-field.csv"),
    "Settings.dimensions": lambda gen, key: _dimensions(gen, key),
    "Segment.dimension": lambda gen, key: _segment_dimension(gen, key),
    "Segment.parent": lambda gen, key: _parent_segment(gen, key),
}
#: The segmentation dimension the settings declare and the full segment cuts by.
DIMENSION = "mkdim-origin"


def _dimensions(gen: Generator, key: str) -> dict[str, Any]:
    """One dimension: its name is shown (a tree's title); its id names the tree's diagram."""
    name = gen.text(key)
    gen.want(key, _same(DIMENSION), html=True)
    gen.names[DIMENSION] = name["en"].split()[0]
    return {DIMENSION: name}


def _parent_segment(gen: Generator, key: str) -> str:
    """A root segment of the settings' dimension (only a root's dimension counts)."""
    ident = gen.ref(key, "segment")
    gen.docs["segment"][-1]["dimension"] = DIMENSION
    return ident


def _segment_dimension(gen: Generator, key: str) -> str:
    """The settings' dimension (its root's too), shown by its name (or its id)."""
    gen.want(key, _same(gen.names[DIMENSION], DIMENSION))
    return DIMENSION


def _answer_scale(gen: Generator) -> dict[str, Any]:
    """Answers from one integer marker to the next (eleven values: the ten between are no
    markers), labelled inside, so each end is seen only where the end itself is shown."""
    low, high = integer(gen.n()), integer(gen.n())
    assert high == low + 10
    gen.want_number("ResponseScale.min", low)
    gen.want_number("ResponseScale.max", high)
    return {
        "min": low,
        "max": high,
        "labels": {
            low + 1: gen.text("ResponseScale.labels"),
            high - 1: gen.text("ResponseScale.labels"),
        },
    }


def _scale_model() -> type[BaseModel]:
    return Settings.model_fields["emotion_scales"].annotation.__args__[1]  # type: ignore[union-attr, no-any-return]


def generate(root: Path) -> Generator:
    """The workspace at ``root``: the settings and every kind, filled with markers."""
    gen = Generator()
    settings = gen.model(Settings)
    for kind in KINDS:
        gen.entity(kind.name, f"full-{kind.name.replace('_', '-')}")
    _extras(gen, settings)
    (root / "cxdsl.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    folder = root / "journeys"
    folder.mkdir()
    for kind, docs in gen.docs.items():
        (folder / f"{kind}.yaml").write_text(
            yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False), "utf-8"
        )
    (root / "results").mkdir()
    (root / "results" / "every-field.csv").write_text("period,value,n\n", "utf-8")
    return gen


def _extras(gen: Generator, settings: dict[str, Any]) -> None:
    """The two values that show only through a second object (see the module's text)."""
    journey = next(d for d in gen.docs["journey"] if d["id"] == "full-journey")
    journey["stages"][0]["steps"].append(
        {
            "id": "cost-in-workspace-currency",
            "title": {"ar": "تكلفة", "en": "Cost"},
            "effort": {"cost": 5},
        }
    )
    instrument = next(d for d in gen.docs["instrument"] if d["id"] == "full-instrument")
    named = next(iter(settings["answer_scales"]))
    instrument["questions"].append(
        {"id": "uses-named-scale", "text": {"ar": "سؤال", "en": "Question"}, "scale": named}
    )


# -- reading the site ----------------------------------------------------------------


#: Tags that separate words (a table cell, a line); inline tags (``bdi``) do not.
_BREAKS = frozenset({"td", "th", "tr", "p", "li", "br", "div", "h1", "h2", "h3", "h4", "summary"})
#: Tags that have no end tag.
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col"})


class _Article(HTMLParser):
    """The text of a page's article (no navigation, no scripts), as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if (tag == "article" or self.depth) and tag not in _VOID:
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
        if tag in _BREAKS:
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in _BREAKS:
            self.text.append(" ")
        if self.depth and tag not in _VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text.append(data)


def _page_file(site: Path, lang: str, page: str) -> Path:
    stem = page.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    return site / lang / stem / "index.html" if stem else site / lang / "index.html"


def _texts(site: Path, lang: str) -> dict[str, str]:
    """The visible text of every page's article, by the page's HTML file."""
    out = {}
    for html in sorted((site / lang).rglob("*.html")):
        parser = _Article()
        parser.feed(html.read_text(encoding="utf-8"))
        out[str(html)] = " ".join("".join(parser.text).split())
    return out


def seen(want: Want, needle: str, haystack: str) -> bool:
    """Whether ``needle`` of ``want`` is in ``haystack`` (a number as a whole number)."""
    if not want.numeric:
        return needle in haystack
    pattern = WHOLE.format(minus=re.escape(MINUS), sep=SEPARATORS, number=re.escape(needle))
    return re.search(pattern, haystack) is not None


def overlapping(wants: list[Want]) -> list[str]:
    """Every number marker written inside another marker's written form (``563`` in
    ``1,563``): the markers' shapes must keep them apart even without ``WHOLE``."""
    found = []
    for want, other in itertools.permutations(wants, 2):
        for lang in LANGS:
            for needle in want.needles[lang] if want.numeric else ():
                if any(needle in written for written in other.needles[lang]):
                    found.append(f"{want.field} {needle!r} in {other.field} {other.needles[lang]}")
    return sorted(set(found))


def missing(site: Path, wants: list[Want]) -> list[str]:
    """Every (language, field, where) whose marker no page shows where it should."""
    lost = []
    for lang in LANGS:
        texts = _texts(site, lang)
        everywhere = "\n".join(texts.values())
        html = "\n".join(p.read_text(encoding="utf-8") for p in (site / lang).rglob("*.html"))
        for want in wants:
            if want.html:
                haystack = html
            elif want.page is None:
                haystack = everywhere
            else:
                haystack = texts.get(str(_page_file(site, lang, want.page)), "")
            needles = [" ".join(n.split()) for n in want.needles[lang]]
            if not any(seen(want, needle, haystack) for needle in needles):
                lost.append(f"{lang}: {want.field} of {want.where} ({needles[0]!r})")
    return sorted(set(lost))


# -- the tests -----------------------------------------------------------------------


def _reachable() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(cls: type[BaseModel]) -> None:
        if cls not in seen:
            seen.append(cls)
            for spec in field_specs(cls).values():
                for model in spec.models:
                    visit(model)

    for kind in KINDS:
        visit(kind.cls)
    visit(Settings)
    return seen


def test_every_field_gets_a_marker(tmp_path: Path) -> None:
    """The generator fills every field of every model that is not machine-only, and the
    list of machine-only fields names only fields that exist. A field that holds models
    (stages, steps, quotas, ...) is covered by the fields of those models."""
    gen = generate(tmp_path)
    fields = {f"{cls.__name__}.{name}" for cls in _reachable() for name in cls.model_fields}
    holders = {
        f"{cls.__name__}.{name}"
        for cls in _reachable()
        for name, spec in field_specs(cls).items()
        if spec.models
    }
    assert gen.problems == []
    wanted = {want.field for want in gen.wants}
    shown = {f for f in fields - holders if not is_machine_field(*f.split("."))}
    assert shown - wanted == set()
    stale = [key for key in MACHINE_FIELDS if not key.startswith("*.") and key not in fields]
    assert stale == []
    assert overlapping(gen.wants) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("from 563 to 600", True),
        ("+563 · 563%", True),
        ("(563)", True),
        ("1,563", False),
        ("1563", False),
        ("563.5", False),
        ("0.563", False),
        ("-563", False),
        ("\u2212563", False),
        ("563,000", False),
        ("MK0563", False),
        ("563. Next", True),
        ("\u0661563", False),
    ],
)
def test_a_number_is_seen_only_as_a_whole_number(text: str, found: bool) -> None:
    want = Want("Model.field", "here", None, _same("563"), numeric=True)
    assert seen(want, "563", text) is found


@pytest.mark.slow
def test_every_marker_is_shown_in_both_languages(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    gen = generate(ws)
    report, _warnings = build_site(ws, ws / "site")
    assert not report.render.failed
    # What the generator cannot fill, then every marker no page shows, in one list.
    assert gen.problems + missing(ws / "site", gen.wants) == []


def test_a_number_inside_another_markers_written_form_is_reported() -> None:
    low = Want("ResponseScale.min", "here", None, _same("563"), numeric=True)
    high = Want("ResponseScale.max", "here", None, _same("1,563", "1563"), numeric=True)
    apart = Want("Effort.visits", "here", None, _same("73,160"), numeric=True)
    assert overlapping([low, high, apart]) == [
        "ResponseScale.min '563' in ResponseScale.max ('1,563', '1563')"
    ]
