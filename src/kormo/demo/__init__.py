"""The demo: offices, people, templates and a half-played year, loaded by `manage.py
kormo_load_demo` (and `kormo serve --demo`). The top floor: it drives every app through its
real services, and nothing imports it back (`docs/architecture.md`, the layers contract).
"""
