"""`python -m crisisplan` runs the command line."""

from crisisplan.cli import main

raise SystemExit(main())
