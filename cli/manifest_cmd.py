"""`clerk manifest`: build the Teams app package (manifest.json + icons, zipped)."""

from __future__ import annotations

import warnings
from pathlib import Path

import typer

from board.errors import InvalidInput
from cli.app import app, err, out


@app.command("manifest")
def manifest_cmd(
    app_id: str = typer.Option(..., "--app-id", help="The Teams app id (a GUID)."),
    bot_id: str = typer.Option(
        None, "--bot-id", help="The Azure bot's Microsoft App Id (a GUID; default: the app id)."
    ),
    out_path: Path = typer.Option(
        Path("clerk.zip"), "--out", help="Where to write the package.", dir_okay=False
    ),
) -> None:
    """Build the Teams app package to upload to Teams, and print its path."""
    from manifest.build import build_package

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            path = build_package(app_id, out_path, bot_id=bot_id)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
    for warning in caught:
        err.print(f"warning: {warning.message}", highlight=False, soft_wrap=True)
    out.print(str(path), highlight=False, soft_wrap=True)
