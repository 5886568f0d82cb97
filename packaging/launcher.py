"""The frozen app's entry point: the same `crisisplan` command as the installed script."""

from crisisplan.cli import main

raise SystemExit(main())
