"""Importing the documents offices already have: APAs, action plans, quarterly reports, work
plans and registers as Word, Excel, PDF or text → domain plans and the cells to check.

`import_file(path)` / `import_bytes(data, name)` check the file (`safety`), read it into the
common table model (`readers`), recognise the plans in it (`recognise`) and return an
`ImportResult`: the plans and a `Flag` for every doubtful cell. Bad input raises
`ImportFileError` (an `InputError`, Bengali and English); nothing half-made is ever returned.
This package imports no Django; saving reviewed plans is `kormo.plans.importing.plan_import`.
"""

from kormo.importers.api import import_bytes, import_file
from kormo.importers.result import Flag, FlagCode, ImportFileCode, ImportFileError, ImportResult
from kormo.importers.safety import DEFAULT_LIMITS, ImportLimits

__all__ = [
    "DEFAULT_LIMITS",
    "Flag",
    "FlagCode",
    "ImportFileCode",
    "ImportFileError",
    "ImportLimits",
    "ImportResult",
    "import_bytes",
    "import_file",
]
