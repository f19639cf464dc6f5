"""The installed ``sto-qual`` command and ``python -m sto_qual`` start here.

Loading the command line (click and the command's own family) takes tens of milliseconds; a Ctrl-C in that
time says "interrupted" with exit 130, as one during a command does, instead of a traceback."""
import sys


def main() -> None:
    try:
        from sto_qual.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    run()


if __name__ == "__main__":  # pragma: no cover
    main()
