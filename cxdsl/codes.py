"""The codes the loaders and the reference resolver report (rules carry theirs on their
class). ``cxdsl/rules/builtin.py`` documents each one; report them by these names."""

from __future__ import annotations

from typing import Final

CX001_YAML_SYNTAX: Final = "CX001"
CX002_YAML_DUPLICATE_KEY: Final = "CX002"
CX003_YAML_FORBIDDEN_TAG: Final = "CX003"
CX004_YAML_ALIAS: Final = "CX004"
CX005_FILE_UNREADABLE: Final = "CX005"
CX006_FILE_TOO_LARGE: Final = "CX006"
CX007_YAML_TOO_DEEP: Final = "CX007"
CX008_FILE_EMPTY: Final = "CX008"
CX009_UNKNOWN_KIND: Final = "CX009"
CX010_SCHEMA: Final = "CX010"
CX011_PYTHON_ERROR: Final = "CX011"
CX012_PYTHON_NOT_RUN: Final = "CX012"
CX013_SETTINGS_INVALID: Final = "CX013"
CX014_OUTSIDE_WORKSPACE: Final = "CX014"
CX015_FILE_SPECIAL: Final = "CX015"
CX016_MKDOCS_INVALID: Final = "CX016"
CX017_MKDOCS_RUNS_CODE: Final = "CX017"
CX018_SCHEMA_STALE: Final = "CX018"
CX019_YAML_AMBIGUOUS: Final = "CX019"

CX101_DUPLICATE_ID: Final = "CX101"
#: A reference to an id that nothing of its kind defines (one code per kind: see
#: ``cxdsl.model.kinds``).
CX102_UNKNOWN_SEGMENT: Final = "CX102"
CX103_UNKNOWN_PERSONA: Final = "CX103"
CX104_UNKNOWN_CHANNEL: Final = "CX104"
CX105_UNKNOWN_ACTOR: Final = "CX105"
CX106_UNKNOWN_SYSTEM: Final = "CX106"
CX107_UNKNOWN_STAKEHOLDER: Final = "CX107"
CX108_UNKNOWN_EVIDENCE: Final = "CX108"
CX109_UNKNOWN_METRIC: Final = "CX109"
CX110_UNKNOWN_INSTRUMENT: Final = "CX110"
CX111_UNKNOWN_JOURNEY: Final = "CX111"
CX112_UNKNOWN_EMOTION_SCALE: Final = "CX112"
