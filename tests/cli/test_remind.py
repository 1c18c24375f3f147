"""`clerk remind --dry-run`: what would be sent before the next board, sending nothing."""

from tests.conftest import SAMPLES
from tests.minutes_loader.test_samples import LBBD


def test_remind_dry_run_lists_each_owners_open_actions(app, clerk_cli):
    """(`app` empties the database afterwards, as for every CLI test.)"""
    code, _, err = clerk_cli("ingest", *(str(SAMPLES / name) for name in LBBD))
    assert code == 0, err
    code, out, _ = clerk_cli("remind", "--dry-run", today="2024-03-20")
    assert code == 0
    assert "Next meeting: Wednesday 03 April 2024" in out
    assert "To Jade Hodgson (2 open):" in out
    assert "share stribe/tootoot app" in out
    assert "To the secretariat:" in out
