"""`python -m generator`: the jobboard command (see generator.cli)."""

from generator.cli import main

raise SystemExit(main())
