"""The frozen app's entry point: the same `crisisplan` command as the installed script, and
the helper that reads a remembered key from the Secret Service (secrets/secret_service.py,
`CHILD_FLAG`): a frozen app has no `python -c` to start it with."""

import sys

if sys.argv[1:] == ["--read-secret-service"]:  # secret_service.CHILD_FLAG
    from crisisplan.secrets.secret_service import child_main

    raise SystemExit(child_main())

from crisisplan.cli import main

raise SystemExit(main())
