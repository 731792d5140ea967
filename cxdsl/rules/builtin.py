"""Codes reported by the loaders and the reference resolver (not by rule modules)."""

from __future__ import annotations

from .. import codes
from ..diagnostics import Severity
from ..model.kinds import KINDS
from .registry import Check

E, W = Severity.ERROR, Severity.WARNING


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _words(kind: str) -> str:
    """A kind as words: ``sample_design`` is a sample design."""
    return kind.replace("_", " ")


_LOADER = [
    (
        codes.CX001_YAML_SYNTAX,
        "yaml.syntax",
        "The file is not valid YAML (a syntax error, a tab used for "
        "indentation, a complex mapping key). The location is where the parser stopped.",
    ),
    (
        codes.CX002_YAML_DUPLICATE_KEY,
        "yaml.duplicate-key",
        "A key appears twice in the same mapping. YAML parsers "
        "silently keep one of them; cxdsl refuses, pointing at the second and the first.",
    ),
    (
        codes.CX003_YAML_FORBIDDEN_TAG,
        "yaml.forbidden-tag",
        "A YAML tag such as `!!python/object/apply` or `!!binary`. "
        "Model files hold plain data; tags are refused and nothing they name is run.",
    ),
    (
        codes.CX004_YAML_ALIAS,
        "yaml.alias",
        "A YAML alias (`*name`) to a mapping or list. Aliases make "
        "'billion laughs' bombs possible and hide what a reviewer reads; write values out.",
    ),
    (
        codes.CX005_FILE_UNREADABLE,
        "file.unreadable",
        "The file cannot be read as UTF-8 text: invalid bytes, a "
        "NUL byte (binary), UTF-16 or UTF-32 text (the hint says how to convert it), a control "
        "character YAML does not allow, no permission to read it, a folder named like a model "
        "file, or a broken or looping symbolic link.",
    ),
    (
        codes.CX006_FILE_TOO_LARGE,
        "file.too-large",
        "The file is larger than the model-file limit (4 MB); it is "
        "refused unread. Split it into several files.",
    ),
    (
        codes.CX007_YAML_TOO_DEEP,
        "yaml.too-deep",
        "Nesting deeper than 64 levels; no model needs it, and it is "
        "a classic way to exhaust a parser.",
    ),
    (
        codes.CX008_FILE_EMPTY,
        "file.empty",
        "The file or document holds nothing (or a Python model file defines no entities).",
    ),
    (
        codes.CX009_UNKNOWN_KIND,
        "document.unknown-kind",
        "A document without `kind:`, or with a kind cxdsl does not know.",
    ),
    (
        codes.CX010_SCHEMA,
        "document.schema",
        "A value of the wrong type, an unknown key (a typo such as "
        "`chanel:`), a missing required key, or a value outside the allowed set.",
    ),
    (
        codes.CX011_PYTHON_ERROR,
        "python.error",
        "A Python model file failed: a syntax error, an exception, or "
        "a model object built with invalid values. The location is the line that raised.",
    ),
    (codes.CX013_SETTINGS_INVALID, "settings.invalid", "`cxdsl.yaml` is missing or invalid."),
    (
        codes.CX014_OUTSIDE_WORKSPACE,
        "file.outside-workspace",
        "A symbolic link whose target lies outside the "
        "workspace, or at a hidden file inside it (`.git/config`, `.env`). It is refused "
        "unread: a pull request could otherwise point a model file at a credentials file that "
        "happens to be YAML.",
    ),
    (
        codes.CX016_MKDOCS_INVALID,
        "mkdocs.invalid",
        "`mkdocs.yml` cannot be used: invalid YAML, a "
        "`!!python/...` tag (refused in every mode; it would run code while the file is read), "
        "or a path (`docs_dir`, `custom_dir`, `extra_css`, ...) that leads outside the workspace.",
    ),
    (
        codes.CX017_MKDOCS_RUNS_CODE,
        "mkdocs.runs-code",
        "In untrusted mode (`--no-python`), `mkdocs.yml` names "
        "something that would run code from the workspace or from outside cxdsl's allow-list: "
        "`hooks:`, a plugin other than cxdsl, search and the material plugins, or a Markdown "
        "extension outside the allow-list. Nothing is built.",
    ),
]

#: Every code the loaders and the resolver report, documented (no rule module behind them).
BUILTIN_CHECKS: list[Check] = [
    Check(code, name, E, doc, configurable=False) for code, name, doc in _LOADER
]
BUILTIN_CHECKS.append(
    Check(
        codes.CX012_PYTHON_NOT_RUN,
        "python.not-run",
        W,
        "A Python model file was not run, because the workspace does not set "
        "`allow_python: true` or `--no-python` was given (use it for untrusted "
        "pull requests). Its entities are missing from the check.",
    )
)
BUILTIN_CHECKS.append(
    Check(
        codes.CX015_FILE_SPECIAL,
        "file.special",
        W,
        "A FIFO, socket or device file among the model files. It is skipped, never "
        "opened (opening a FIFO would block the check forever).",
    )
)
BUILTIN_CHECKS.append(
    Check(
        codes.CX018_SCHEMA_STALE,
        "schema.stale",
        W,
        "The workspace's copy of the JSON Schemas (`schemas/`, which the modelines of its "
        "files point at, so editors check them offline) was written by another version of "
        "cxdsl. Refresh it with `cxdsl schema --out schemas`.",
    )
)
BUILTIN_CHECKS.append(
    Check(
        codes.CX019_YAML_AMBIGUOUS,
        "yaml.ambiguous-scalar",
        W,
        "A plain (unquoted) scalar that YAML parsers read differently, such as a `?` or a "
        "`:` inside a flow collection (`{en: Is this complete?}`): cxdsl's parser accepts it, "
        "others refuse it or read another value. Quote it (`cxdsl fmt` does).",
    )
)
BUILTIN_CHECKS.append(
    Check(
        codes.CX101_DUPLICATE_ID,
        "ref.duplicate-id",
        E,
        "Two entities of the same kind share an id (or two stages or steps of one "
        "journey). Reported at the second, with the first as related location.",
    )
)
BUILTIN_CHECKS.extend(
    Check(
        kind.unknown_ref_code,
        f"ref.unknown-{kind.name.replace('_', '-')}",
        E,
        f"A reference to {_a(_words(kind.name))} id that no {_words(kind.name)} in the "
        "workspace defines. The hint names the closest id.",
    )
    for kind in sorted(KINDS, key=lambda k: k.unknown_ref_code)
)
BUILTIN_CHECKS.append(
    Check(
        codes.CX112_UNKNOWN_EMOTION_SCALE,
        "ref.unknown-emotion-scale",
        E,
        "A journey's `emotion_scale` is not declared under `emotion_scales:` in `cxdsl.yaml`.",
    )
)
BUILTIN_CHECKS.append(
    Check(
        codes.CX116_UNKNOWN_ANSWER_SCALE,
        "ref.unknown-answer-scale",
        E,
        "A question's `scale:` names an answer scale that is not declared under "
        "`answer_scales:` in `cxdsl.yaml`.",
    )
)

# Measured results: what ``cxdsl.results`` reports about the data of a dataset. A CSV's
# locations are ``file:line:column`` (the header is line 1); a Parquet file's name the row
# and the column.
_RESULTS = [
    (
        codes.CX301_SOURCE_UNAVAILABLE,
        "dataset.source-unavailable",
        E,
        "A dataset's source cannot be read: the file is missing, lies outside the workspace "
        "(or a symbolic link leads out of it), is a FIFO or a folder, names an `${ENV_VAR}` "
        "that is not set, or names an ibis backend that is not installed or cannot connect. "
        "Its figures show no data.",
    ),
    (
        codes.CX302_SOURCE_MALFORMED,
        "dataset.source-malformed",
        E,
        "The file is not the CSV or Parquet it claims to be: not UTF-8, another delimiter "
        "than the dataset's, a quote never closed, a row with more or fewer fields than the "
        "header, a CSV over the size limit (convert it to Parquet), a Parquet file that is "
        "not Parquet. Rows before the fault are still read where possible.",
    ),
    (
        codes.CX303_SOURCE_EMPTY,
        "dataset.source-empty",
        E,
        "The source holds no rows: an empty file, or a header only.",
    ),
    (
        codes.CX304_COLUMN_MISSING,
        "dataset.column-missing",
        E,
        "A column the dataset needs (its timestamp, a mapped role, a question its metrics "
        "read) is not in the source. The hint names the closest column.",
    ),
    (
        codes.CX305_VALUE_OUT_OF_SCALE,
        "dataset.value-out-of-scale",
        E,
        "An answer outside its question's scale, or not a number. The answer is left out "
        "of every figure; the figures it would have fed are marked provisional.",
    ),
    (
        codes.CX306_UNKNOWN_ID_IN_ROW,
        "dataset.unknown-id",
        E,
        "A row names a journey, step, stage, channel, segment or persona id the model does "
        "not define. The row still counts for its journey's overall figures.",
    ),
    (
        codes.CX307_DUPLICATE_RESPONSE,
        "dataset.duplicate-response",
        E,
        "The same response id appears twice (an export run twice, a double submission).",
    ),
    (
        codes.CX308_TIMESTAMP,
        "dataset.timestamp",
        E,
        "A timestamp that is not ISO 8601, lies in the future, or falls outside every "
        "season the figures are reported by. The row is left out of the figures.",
    ),
    (
        codes.CX309_COLUMN_UNMAPPED,
        "dataset.column-unmapped",
        W,
        "A source column that maps to no question, no role and is not declared "
        "`personal: true`. It is not read; declare it, so personal data is never mistaken "
        "for an answer.",
    ),
    (
        codes.CX310_INSTRUMENT_UNPLANNED,
        "dataset.instrument-unplanned",
        W,
        "A dataset for an instrument that no measurement plan entry (and no metric) uses: "
        "its data feeds no figure.",
    ),
    (
        codes.CX311_PERIOD_WITHOUT_DATA,
        "dataset.period-without-data",
        W,
        "A period that should have data by the plan's cadence (a month, a quarter, a "
        "season between the first and the last measured) and has none; or a plan reported by "
        "season in a workspace that declares no seasons.",
    ),
    (
        codes.CX312_FEWER_RESPONSES,
        "dataset.fewer-responses",
        W,
        "A period has fewer responses than the plan requires (the same Cochran and "
        "finite-population computation as CX209; its figure's status is `underpowered`) or "
        "than it planned, or a sample design's segment quota is not met. Entries sharing a "
        "sample design are reported once per design, stage and period.",
    ),
]
BUILTIN_CHECKS.extend(Check(code, name, severity, doc) for code, name, severity, doc in _RESULTS)
