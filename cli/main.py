"""`clerk`: the secretariat's command line. Every command calls the same services as the bot.

Every failure ends in one line on stderr, ``error: …``, and a non-zero exit: 2 for a command
line that could not be read (an unknown option, a number that is not one), 1 for anything
else (the board refused the change, a file could not be written, the database is down).
"""

from __future__ import annotations

import logging
import sys

from typer._click.exceptions import ClickException, NoArgsIsHelpError  # Typer's own click

from board.errors import ClerkError
from cli import (  # noqa: F401  (they register their commands)
    board_cmds,
    bot_cmds,
    correction_cmds,
    export_cmds,
    ingest_cmds,
    manifest_cmd,
    remind_cmds,
)
from cli.app import app, err

log = logging.getLogger("clerk")


def fail(message: str, code: int = 1) -> None:
    first = (message.strip().splitlines() or ["unknown failure"])[0]
    err.print(f"error: {first}", highlight=False, markup=False)
    sys.exit(code)


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as shown:  # `clerk plan` alone: its help, as Typer shows it
        err.print(shown.ctx.get_help() if shown.ctx else "", highlight=False, markup=False)
        sys.exit(2)
    except ClickException as error:
        fail(error.format_message(), error.exit_code)
    except ClerkError as error:
        fail(str(error))
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        fail(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as error:  # noqa: BLE001  (a bug: one line for the user, details in the log)
        log.debug("unexpected failure", exc_info=True)
        fail(f"{type(error).__name__}: {error}")
    sys.exit(code or 0)


if __name__ == "__main__":
    main()
