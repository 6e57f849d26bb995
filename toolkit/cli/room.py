"""``smlab room``: a live quiz room; players answer on phones, the projector shows the game."""

from __future__ import annotations

import argparse
import sys
import warnings

from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning
from toolkit.room.launch import resolve_bank, room_results
from toolkit.room.server import RoomServer
from toolkit.room.state import Room, RoomError

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``room`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "room",
        help="run a live quiz room: players answer on their phones, the projector shows it",
        description=(
            "Start a room server for a lesson's quiz (or a bank file): the projector page "
            "shows a join address, a room code and a QR code; players answer on their phones. "
            "Every answer is saved as it arrives; --resume CODE reopens a room after a restart, "
            "--results CODE prints (or --out writes) its results."
        ),
    )
    parser.add_argument(
        "bank", nargs="?", default=None, help="a lesson name (e.g. 10-final-challenge) or a bank"
    )
    parser.add_argument(
        "--teams",
        nargs="?",
        const="",
        default=None,
        metavar="NAMES",
        help="play in teams: players pick one of these comma-separated names (or name their own)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; 0.0.0.0 for the room's network)",
    )
    parser.add_argument("--scoring", choices=("speed", "flat"), default="speed")
    parser.add_argument("--resume", default=None, metavar="CODE", help="reopen this room")
    parser.add_argument("--results", default=None, metavar="CODE", help="a room's results")
    parser.add_argument("--out", default=None, metavar="CSV", help="with --results: write a CSV")
    parser.add_argument("--store", default=None, metavar="PATH", help="progress file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve the room until Ctrl+C (or print its results); return the exit status."""
    out, err = sys.stdout, sys.stderr
    if args.results is None and (args.bank is None) == (args.resume is None):
        print("smlab room: give a lesson name or bank file, or --resume CODE", file=err)
        return 2
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StoreRecoveredWarning)
            store = ProgressStore(args.store)
    except (StoreError, OSError) as exc:
        print(f"smlab room: {exc}", file=err)
        return 1
    with store:
        try:
            if args.results is not None:
                frame = room_results(args.results.upper(), store)
                if args.out:
                    frame.to_csv(args.out, index=False, encoding="utf-8")
                    print(f"Wrote {len(frame)} rows to {args.out}", file=out)
                else:
                    print(frame.to_string(index=False), file=out)
                return 0
            if args.resume is not None:
                room = Room.resume(args.resume, store=store)
            else:
                teams = None
                if args.teams is not None:
                    teams = [name for name in args.teams.split(",") if name.strip()]
                room = Room.create(
                    resolve_bank(args.bank), store=store, teams=teams, scoring=args.scoring
                )
            server = RoomServer(room, host=args.host, port=args.port)
        except (RoomError, OSError) as exc:
            print(f"smlab room: {exc}", file=err)
            return 1
        print(f"Room {room.code}: {room.title}", file=out)
        print(f"  Projector (keep this link to yourself): {server.projector_url}", file=out)
        print(f"  Players open {server.join_url} and type the code {room.code}", file=out)
        if args.host == "127.0.0.1":
            print("  Only this computer can join; use --host 0.0.0.0 for phones.", file=out)
        print(f"  Resume after a restart: smlab room --resume {room.code}", file=out)
        print("  Press Ctrl+C to stop.", file=out, flush=True)
        try:
            server.serve_forever()
        finally:
            room.close()
    return 0
