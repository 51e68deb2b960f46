"""Signals of the ledger framework."""

from django.dispatch import Signal

# Sent after writes that bypass model signals (bulk create/update in imports and demo data),
# with `organisation_ids`: the organisations whose records were written.
records_written = Signal()
