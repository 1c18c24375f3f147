import sys

import pytest

from cli.main import main


@pytest.fixture
def clerk_cli(db_url, capsys, monkeypatch):
    """Run `clerk --db <this test's database> ARGS...`; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CLERK_ADMINS", raising=False)

    def run(*args: str, today: str = "2024-01-10"):
        monkeypatch.setattr(sys, "argv", ["clerk", "--db", db_url, "--today", today, *args])
        code = 0
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code or 0
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
