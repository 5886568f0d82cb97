"""The frozen app's keyring helper (`crisisplan-keyring-helper`, Linux): reads a key
remembered in the Secret Service for the launch, in a process of its own
(crisisplan/secrets/secret_service.py). A small program without Qt, so that it starts in
about half the time the app itself takes as its own helper."""

from crisisplan.secrets.secret_service import child_main

raise SystemExit(child_main())
