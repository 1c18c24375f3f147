"""`clerk`: the secretariat's command line. Every command calls the same services as the bot."""

from __future__ import annotations

import sys

from board.errors import ClerkError
from cli import board_cmds, bot_cmds, export_cmds, ingest_cmds, manifest_cmd, remind_cmds  # noqa: F401  (they register their commands)
from cli.app import app, err


def main() -> None:
    try:
        app()
    except ClerkError as error:
        err.print(f"error: {error}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
