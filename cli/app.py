"""The `clerk` Typer app, its global options and the shared consoles."""

from __future__ import annotations

import typer
from rich.console import Console

from board.model import Actor
from storage.wiring import App, open_app

app = typer.Typer(
    help="Clerk keeps a board's action log, forward plan and minutes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
plan_app = typer.Typer(help="The forward plan.", no_args_is_help=True)
people_app = typer.Typer(help="People on the board.", no_args_is_help=True)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")
app.add_typer(people_app, name="people")
app.add_typer(db_app, name="db")

# Rich markup off: text from users and documents ("[link=…]", "[bold]") is printed as written.
out = Console(soft_wrap=True, markup=False)
err = Console(stderr=True, soft_wrap=True, markup=False)


class Options:
    db: str | None = None
    board: str | None = None
    today: str | None = None
    _app: App | None = None

    def open(self) -> App:
        if self._app is None:
            self._app = open_app(self.db, board=self.board, today=self.today)
        return self._app


options = Options()


@app.callback()
def main_options(
    db: str = typer.Option(
        None, "--db", envvar="CLERK_DATABASE_URL", help="Database URL (default: ./clerk.db)."
    ),
    board: str = typer.Option(None, "--board", envvar="CLERK_BOARD", help="Board name."),
    today: str = typer.Option(
        None, "--today", envvar="CLERK_TODAY", help="Fix today's date (YYYY-MM-DD)."
    ),
) -> None:
    options.db, options.board, options.today = db, board, today
    options._app = None


def actor(name: str) -> Actor:
    clerk = options.open().clerk
    return Actor.of(clerk.resolve_person(name), "cli")
