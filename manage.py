#!/usr/bin/env python
"""Django's command-line utility; `clausier` (config/cli.py) is the same with dashed names."""

from config.cli import main

if __name__ == "__main__":
    main()
