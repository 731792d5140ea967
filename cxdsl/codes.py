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
CX114_UNKNOWN_SAMPLE_DESIGN: Final = "CX114"
CX115_UNKNOWN_DATASET: Final = "CX115"
CX116_UNKNOWN_ANSWER_SCALE: Final = "CX116"

# Measured results: what the data of a dataset says about itself (``cxdsl.results``).
#: The source cannot be read: missing, outside the workspace, an unset ${ENV_VAR}, an ibis
#: backend that is not installed or cannot connect.
CX301_SOURCE_UNAVAILABLE: Final = "CX301"
#: The file is not the CSV or Parquet it claims to be: encoding, delimiter, an unclosed
#: quote, a row with the wrong number of fields, too large, not Parquet.
CX302_SOURCE_MALFORMED: Final = "CX302"
#: The file holds no rows: empty, or a header only.
CX303_SOURCE_EMPTY: Final = "CX303"
#: A column the dataset needs is not in the source.
CX304_COLUMN_MISSING: Final = "CX304"
#: An answer outside its question's scale, or not a number.
CX305_VALUE_OUT_OF_SCALE: Final = "CX305"
#: A row names a step, stage, channel, segment, persona or journey the model does not have.
CX306_UNKNOWN_ID_IN_ROW: Final = "CX306"
#: The same response id twice.
CX307_DUPLICATE_RESPONSE: Final = "CX307"
#: A timestamp that cannot be read, lies in the future or outside every declared period.
CX308_TIMESTAMP: Final = "CX308"
#: A source column that maps to no question, role or personal declaration.
CX309_COLUMN_UNMAPPED: Final = "CX309"
#: A dataset for an instrument no measurement plan uses.
CX310_INSTRUMENT_UNPLANNED: Final = "CX310"
#: A period that should have data (by the plan's cadence) and has none.
CX311_PERIOD_WITHOUT_DATA: Final = "CX311"
#: Fewer responses in a period than the plan requires.
CX312_FEWER_RESPONSES: Final = "CX312"
