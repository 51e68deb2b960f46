"""Signals of the organisation tree."""

from django.dispatch import Signal

# Sent inside the merge's transaction after records were moved between organisations without
# model signals, with `organisation_ids`: the absorbed and the surviving unit (whose derived
# data, e.g. stored figures, must be recomputed).
records_moved = Signal()
