"""Who starts the workbench blind (the other coders' codings hidden): a coder new to a project others
coded, and, while she codes blind, a coder who coded before her (the first of a pair saw the second's
codings on her screen unwarned); not once a meeting started an agreed coding from the two."""
from __future__ import annotations

from sto_qual.services.session import HIDE_OTHERS


def test_the_first_coder_back_while_a_second_codes_blind_starts_blind_until_they_meet(tui_ws):
    session = tui_ws.session
    assert not session.start_blind("onderzoeker-a")  # two coders, neither blind: as they left it
    assert session.view_choice("onderzoeker-a", HIDE_OTHERS) is None
    session.keep_view_choice("onderzoeker-b", HIDE_OTHERS, True)  # b hides the others with `o`: no blind round
    assert session.blind_peers("onderzoeker-a") == [] and not session.start_blind("onderzoeker-a")
    assert session.start_blind("bram") and session.blind_peers("bram") == []  # new: blind, said as a new coder
    tui_ws.assign_code("R02", "urgentie", unit=tui_ws.units("R02")[3].id, coder="bram")
    assert session.blind_peers("onderzoeker-a") == ["bram"]
    assert session.start_blind("onderzoeker-a") and session.view_choice("onderzoeker-a", HIDE_OTHERS) is True
    assert not session.start_blind("onderzoeker-a")  # chosen now: `o` decides from here on
    assert not session.start_blind("onderzoeker-b")  # she chose with `o` before: kept
    # a meeting ends the round of the two it compares: the agreed coder and they are no one's blind peers
    assert session.blind_round_over("onderzoeker-a") is None  # not compared yet
    tui_ws.agreed.start("consensus", "onderzoeker-a", "bram")
    assert session.blind_peers("onderzoeker-a") == [] and session.blind_peers("consensus") == []
    assert not session.start_blind("consensus")
    # she still hides the others: told the comparison has begun (she stayed blind without a word)
    assert session.blind_round_over("onderzoeker-a") == "consensus" == session.blind_round_over("bram")
    assert session.blind_round_over("onderzoeker-b") is None  # she chose to see the others with `o`


def test_a_count_in_another_terminal_says_who_codes_blind(tui_ws, tui_project):
    """With bram coding blind, `stats` in a second terminal counted the others' codings and said
    nothing of it: a coder checking her progress there read her colleague's counts."""
    from cli_runner import sq
    assert tui_ws.session.start_blind("bram")
    tui_ws.assign_code("R02", "urgentie", unit=tui_ws.units("R02")[3].id, coder="bram")
    counting = sq("stats", "--project", tui_project).stderr.strip().splitlines()[-1]
    assert counting.startswith("counting: ") and counting.endswith(
        "; bram codes blind in this project: these counts hold others' codings, not for bram to see (--coder bram "
        "counts only bram's)")
    assert "blind" not in sq("stats", "--project", tui_project, "--coder", "bram").stderr  # his own
    tui_ws.agreed.start("consensus", "onderzoeker-a", "bram")  # compared in a meeting: his round is over
    assert "blind" not in sq("stats", "--project", tui_project).stderr
