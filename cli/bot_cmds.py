"""`clerk serve` (the bot's web server) and `clerk chat` (talk to it in a terminal)."""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import signal
import sys

import typer
from aiohttp import web

from bot.app import create_app
from bot.chat import run
from bot.config import Settings
from bot.service_url import is_loopback_host
from cli.app import app, options

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@app.command("serve")
def serve_cmd(
    port: int = typer.Option(3978, "--port", envvar="PORT"),
    host: str = typer.Option(
        None, "--host", envvar="CLERK_HOST",
        help="Interface to listen on (default: 0.0.0.0 with MicrosoftAppId set, else 127.0.0.1).",
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, envvar="CLERK_WORKERS",
        help="Processes serving the same port (SO_REUSEPORT); state is in the database.",
    ),
    access_log: bool = typer.Option(
        False, "--access-log", envvar="CLERK_ACCESS_LOG",
        help="Log every HTTP request (a line per message; off by default, it costs CPU).",
    ),
) -> None:
    """Run the bot: POST /api/messages for Teams, GET /healthz."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    host = listen_on(host, Settings.from_env())
    _fast_event_loop()
    access = logging.getLogger("aiohttp.access") if access_log else None
    if workers == 1:
        web.run_app(_app(), host=host, port=port, access_log=access)
        return
    clerk_app = options.open()  # migrations run once, here, before any worker starts
    clerk_app.db.dispose()  # each worker opens its own connections after the fork
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=_worker, args=(host, port, access), daemon=True)
                for _ in range(workers)]
    for child in children:
        child.start()

    def stop(signum, _frame) -> None:
        for child in children:
            if child.is_alive():
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        child.join()


def listen_on(host: str | None, settings: Settings) -> str:
    """Where to listen: the host asked for, else everywhere for a bot with an app id (Teams
    must reach it) and this machine only for an anonymous one (it accepts any request)."""
    if host is None:
        return "127.0.0.1" if settings.anonymous else "0.0.0.0"
    if settings.anonymous and not is_loopback_host(host):
        logging.getLogger(__name__).warning(
            "*** Anonymous mode listening on %s: anyone who can reach it can act as anyone. ***",
            host)
    return host


def _app() -> web.Application:
    app = create_app(options.open(), Settings.from_env())
    # Everything built so far (botbuilder, SQLAlchemy's mappers and compiled queries, the
    # name index) lives as long as the process: keep it out of the garbage collector's
    # full sweeps, which otherwise pause replies now and then.
    gc.collect()
    gc.freeze()
    return app


def _fast_event_loop() -> None:
    """uvloop (libuv) where it is installed: the same asyncio API, a cheaper event loop and
    HTTP transport under aiohttp. Forked workers inherit the policy."""
    try:
        import uvloop
    except ImportError:  # e.g. on Windows
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def _worker(host: str, port: int, access: logging.Logger | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    web.run_app(_app(), host=host, port=port, access_log=access,
                reuse_port=True, print=None)


@app.command("chat")
def chat_cmd(
    as_: str = typer.Option(..., "--as", help="Whose Teams account to chat as."),
    today: str = typer.Option(None, "--today", help="Fix today's date (YYYY-MM-DD)."),
) -> None:
    """Chat with the bot in this terminal (one message per line from a pipe)."""
    if today:
        options.today = today
    interactive = sys.stdin.isatty()
    lines = _prompted() if interactive else sys.stdin
    asyncio.run(run(options.open(), as_, lines, sys.stdout, echo=not interactive))


def _prompted():
    while True:
        try:
            yield input("you> ")
        except EOFError:
            return
