"""`python -m bulletin` runs the `bulletin` command."""
import sys

from .editorial.cli import main

sys.exit(main())
