"""``python -m specward``."""

from specward.cli import main

main()
