#!/usr/bin/env python
"""Django's manage.py, for developers; `fazhi` is the same with a curated command list."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
