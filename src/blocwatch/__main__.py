import sys

from blocwatch.cli.main import main

sys.exit(main())
