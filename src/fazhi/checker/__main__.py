"""python -m fazhi.checker FILE... : the same as `fazhi check`."""

import sys

from fazhi.checker.cli import main

sys.exit(main(sys.argv[1:]))
