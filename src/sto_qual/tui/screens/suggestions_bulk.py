"""The Suggestions screen's bulk steps: accept every pending suggestion at or above a
confidence (b), reject every one below it (B). The prompt says how many each threshold catches,
so a coder facing hundreds of low-confidence suggestions sees where they lie before choosing."""
from __future__ import annotations

from collections.abc import Iterable

from sto_qual.domain.model import Suggestion
from sto_qual.domain.text import plural
from sto_qual.domain.wording import confidence_text
from sto_qual.services.suggestion_review import accepted_detail
from sto_qual.tui.modals import ConfirmModal, TextPrompt

STEPS = (0.8, 0.5, 0.2, 0.1)


def spread(items: Iterable[Suggestion], above: bool) -> str:
    """'≥0.80: 0 · ≥0.50: 3 · ≥0.20: 40 · highest 0.26' (or '<…' for rejecting): how many each
    threshold would take; keyword suggestions, which have no confidence, are never counted."""
    scores = [s.confidence for s in items if s.confidence is not None]
    if not scores:
        return "no pending suggestion has a confidence (those from keywords or the codebook have none)"
    if above:
        parts = [f"≥{t:.2f}: {sum(1 for c in scores if c >= t)}" for t in STEPS]
        return " · ".join(parts) + f" · highest {confidence_text(max(scores))}"
    parts = [f"<{t:.2f}: {sum(1 for c in scores if c < t)}" for t in reversed(STEPS)]
    return " · ".join(parts) + f" · lowest {confidence_text(min(scores))}"


def _threshold(screen, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        threshold = float(value.replace(",", "."))
    except ValueError:
        threshold = -1.0
    if not 0 <= threshold <= 1:
        screen.notify(f"“{value}” is not a number between 0 and 1", severity="error")
        return None
    return threshold


def bulk_accept(screen) -> None:
    """b: accept every pending suggestion with a confidence at or above the one asked for."""
    _bulk(screen, above=True)


def bulk_reject(screen) -> None:
    """B: reject every pending suggestion with a confidence below the one asked for (one undo
    step: u here, in the Coder or `sto-qual undo` brings them back)."""
    _bulk(screen, above=False)


def _bulk(screen, above: bool) -> None:
    sign = "≥" if above else "<"

    def takes(s: Suggestion, threshold: float) -> bool:
        return s.confidence is not None and (s.confidence >= threshold if above else s.confidence < threshold)

    def with_threshold(value: str | None) -> None:
        threshold = _threshold(screen, value)
        if threshold is None:
            return
        n = sum(1 for s in screen.items.values() if takes(s, threshold))
        if not n:
            screen.notify(f"no pending suggestion has confidence {sign} {threshold:.2f} (those from keywords or the "
                          "codebook have none" + ("" if above else " and are not rejected this way") + ")",
                          severity="warning")
            return

        taken = min((s.id for s in screen.items.values() if takes(s, threshold)), default=None)

        def go(yes: bool | None) -> None:
            if not yes:
                return
            scope = screen.scope()  # the queue's (d, c)
            if above:
                ok, done = screen.attempt(screen.ws.accept, all_above=threshold, coder=screen.coder, **scope)
            else:
                ok, done = screen.attempt(screen.ws.reject, all_below=threshold, coder=screen.coder, **scope)
            if not ok:
                return
            # F4's u takes the whole step back (one history step), while it is the coder's next one: a reject
            # made in the Coder after it was undone in its place, under its name
            screen.done.append(("bulk accept" if above else "bulk reject", taken))
            screen.undone.clear()
            screen.sto.changed_codings()
            screen.reload(follow=True)  # the cursor stays on its suggestion when the step took rows above it
            if above:
                detail = accepted_detail(done)
                screen.notify(f"accepted {plural(len(done), 'suggestion')}" + (f": {detail}" if detail else ""),
                              timeout=5 if detail else 3)
            else:
                screen.notify(f"rejected {plural(done, 'suggestion')} below {threshold:.2f}: they will not be proposed "
                              "again (u brings them back)", timeout=5)
        verb = "Accept" if above else "Reject"
        screen.app.push_screen(ConfirmModal(f"{verb} {plural(n, 'suggestion')}{where} with confidence {sign} "
                                            f"{threshold:.2f}?"), go)
    where = "".join(f" of {x}" for x in screen.scope().values() if x)
    screen.app.push_screen(TextPrompt(f"{'Accept' if above else 'Reject'} every pending suggestion{where} with "
                                      "confidence " + ("at least" if above else "below"),
                                      value="0.8" if above else "0.2", help=spread(screen.items.values(), above=above)),
                           with_threshold)
