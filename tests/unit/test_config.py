"""Every STO_QUAL_* variable and user setting is read in sto_qual.config, and only there."""
from __future__ import annotations

import re
from pathlib import Path

from sto_qual import config

SRC = Path(__file__).resolve().parents[2] / "src" / "sto_qual"


def test_environment_is_read_when_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("STO_QUAL_CODER", "onderzoeker-b")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(tmp_path / "c.toml"))
    monkeypatch.setenv("STO_QUAL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("STO_QUAL_DEBUG", "1")
    assert config.env_coder() == "onderzoeker-b"
    assert config.settings_path() == tmp_path / "c.toml"
    assert config.data_home() == tmp_path / "home"
    assert config.debug()
    for name in ("STO_QUAL_CODER", "STO_QUAL_HOME", "STO_QUAL_DEBUG"):
        monkeypatch.setenv(name, "")  # empty counts as unset
    assert config.env_coder() is None and not config.debug()
    assert config.data_home() == Path.home() / ".local" / "share" / "sto-qual"


def test_settings_file_through_config(monkeypatch, tmp_path):
    f = tmp_path / "c.toml"
    f.write_text('theme = "light"\ncoder = " onderzoeker-b "\nquick_codes = ["urgentie"]\n', encoding="utf-8")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(f))
    s = config.load_settings()
    assert (s.theme, s.textual_theme, s.coder, s.quick_codes, s.warnings) == \
        ("light", "textual-light", "onderzoeker-b", ["urgentie"], [])
    from sto_qual.tui.settings import load_settings
    assert load_settings(f).coder == "onderzoeker-b"


def test_the_services_ask_config_who_codes(monkeypatch, empty_ws):
    assert empty_ws.resolve_coder() == "onderzoeker"
    monkeypatch.setenv("STO_QUAL_CODER", "onderzoeker-b")
    assert empty_ws.resolve_coder() == "onderzoeker-b" and empty_ws.resolve_coder("c") == "c"


def test_only_config_reads_the_environment():
    reads = re.compile(r"os\.environ|getenv\(")
    offenders = [str(p.relative_to(SRC)) for p in sorted(SRC.rglob("*.py"))
                 if p.name != "config.py" and reads.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_codebook_rules_kept_once():
    from sto_qual.domain.codebook import PALETTE, is_colour, is_within, next_colour
    assert next_colour(0) == PALETTE[0] and next_colour(len(PALETTE)) == PALETTE[0]
    assert is_colour("#A1b2C3") and not is_colour("#abc") and not is_colour("rood") and not is_colour(None)
    assert is_within("urgentie", "urgentie") and is_within("urgentie/docententekort", "urgentie")
    assert not is_within("urgentie-extra", "urgentie") and not is_within("urgentie", "urgentie/docententekort")


def test_every_program_asks_who_codes_in_one_order(monkeypatch, tmp_path, empty_ws):
    """--coder, then STO_QUAL_CODER, then the settings file's coder, then the project default:
    the TUI followed the file and the commands ignored it, so one person coded under two names."""
    from sto_qual.tui.app import StoQualApp
    from sto_qual.tui.settings import load_settings
    f = tmp_path / "config.toml"
    f.write_text('coder = "bram"\n', encoding="utf-8")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(f))
    assert empty_ws.resolve_coder() == "bram" and empty_ws.resolve_coder("anna") == "anna"
    assert StoQualApp(empty_ws, load_settings(f)).coder == "bram"
    monkeypatch.setenv("STO_QUAL_CODER", "anna")
    assert empty_ws.resolve_coder() == "anna" and StoQualApp(empty_ws, load_settings(f)).coder == "anna"
    assert StoQualApp(empty_ws, load_settings(f), coder="carl").coder == "carl"
