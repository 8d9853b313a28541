"""The house style that ships with the package: templates, interface catalogs, schemas.

In a checkout, `templates/`, `locales/` and `schemas/` stay at the repository's top
level (the design card) and the entries here are links to them; the wheel holds real
copies (see `[tool.setuptools.package-data]`). `scaffold/` is what `briefing init`
writes into a new project.
"""
