"""Official documents: the APA, action plans, progress and evaluation reports as files.

`kormo.documents.render` turns domain plans (`kormo.domain.plan.Plan`) into PDF, DOCX and XLSX
without touching the database, so `kormo export --from FILE` works anywhere; the web app's
download views (through `web/documents.py`) call the same functions with plans loaded by
`plans.convert`.
"""
