"""What the frozen executable runs: the same command line as `consultation-app`."""

import sys

from consultation_app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
