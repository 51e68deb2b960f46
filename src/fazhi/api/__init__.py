"""The REST API (/api/): the same records, figures and workflows as the pages, for scripts,
provincial systems and phone apps; scoped exactly as the pages are."""
