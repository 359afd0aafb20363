"""The `kormo` command: argument parsing and exit codes only.

Subcommands call the domain core (validate, score) or Django (serve). A bad file never shows a
traceback: it gets one line in Bengali and English and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kormo", description="Kormo: APA and action plans")
    parser.add_subparsers(dest="command", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
