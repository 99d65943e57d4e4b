"""What the frozen executable runs: the same command line as `consultation-app`."""

import multiprocessing
import sys

from consultation_app.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen merge worker process starts here and must stop here
    sys.exit(main())
