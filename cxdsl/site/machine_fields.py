"""The fields of the model that no page shows, each with the reason.

cxdsl promises that nothing it accepts is lost: every field of every entity kind, of the
nested models (steps, stages, effort, questions, ...) and of ``cxdsl.yaml`` is shown on
the site, except the ones listed here, which only tell cxdsl how to work.
``tests/test_every_field.py`` puts a marker in every field, builds the site and looks
for each marker in both languages: a field added to the model fails that test until a
page shows it or it is added here, with its reason. Keep the list short.
"""

from __future__ import annotations

#: ``Model.field`` (``*`` for any model) → why no page shows it.
MACHINE_FIELDS: dict[str, str] = {
    "*.kind": "the type of a document; the page it is shown on says it",
    "Settings.languages": "the languages the site is built in: one site each, named by "
    "the language switcher",
    "Settings.default_language": "which of the sites is the default",
    "Settings.allow_python": "whether Python model files may run (build configuration)",
    "Settings.python_timeout": "how long a Python model file may run (build configuration)",
    "Settings.evidence_stale_after_months": "a threshold: the evidence it makes old is "
    "flagged with its age on the pages that cite it",
    "Settings.min_cell_size": "a privacy threshold for measured results: suppressed "
    "figures say 'fewer than n' instead",
    "Dataset.source": "where the data is read from (a file, or ${ENV_VAR} naming one)",
    "Dataset.format": "how the file is read",
    "Dataset.delimiter": "how the file is read",
    "Dataset.backend": "where the data is read from",
    "Dataset.table": "where the data is read from",
    "Dataset.connection": "the environment variable holding a connection URL (a secret)",
    "Dataset.columns": "which source column holds what; personal columns are never read",
    "Column.column": "which source column holds what",
    "Column.personal": "marks personal data, which is never read nor shown",
}


def is_machine_field(model: str, field: str) -> bool:
    """Whether ``model.field`` (a model class name and a field name) is shown nowhere by
    design."""
    return f"{model}.{field}" in MACHINE_FIELDS or f"*.{field}" in MACHINE_FIELDS
