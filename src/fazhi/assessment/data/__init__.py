"""Data files of the assessment app (the demo county's scheme), packaged with it."""
