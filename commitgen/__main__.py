"""``python -m commitgen``."""

from commitgen.cli import main

main()
