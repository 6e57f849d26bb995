"""The room's web server: Starlette on uvicorn, the two pages, one WebSocket for everyone.

``GET /`` is the phone page, ``GET /host?token=...`` the projector page, ``/static/`` their
files, ``GET /qr.svg`` the join code as a QR image (made here with segno) and ``/ws`` the
WebSocket. A socket's first message says who it is: ``{"type": "join", "code", "name",
"team"}``, ``{"type": "resume", "secret"}`` or ``{"type": "host", "token"}``. Only a socket
that gave the host token may send ``start``, ``reveal``, ``next``, ``skip`` and ``finish``;
players send ``answer``. Every message is size-limited, rate-limited and checked; a refusal
comes back as ``{"type": "error", "message"}`` written for a person.

:class:`RoomServer` runs a room in a background thread (for a notebook or a test); ``smlab
room`` runs it in the foreground.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

import segno
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from toolkit.room.protocol import MAX_MESSAGE_BYTES, RateLimiter
from toolkit.room.state import Player, Room, RoomError

__all__ = ["RoomServer", "build_app", "lan_address", "qr_svg"]

#: The pages allow nothing from elsewhere: no CDN, no inline script, no framing.
_CSP: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_HOST_COMMANDS: Final = frozenset({"start", "reveal", "next", "skip", "finish"})
#: A client sending this many messages over its rate limit in a row is disconnected.
_FLOOD_CLOSE: Final = 50


def _static() -> Path:
    return Path(str(resources.files("toolkit.room") / "static"))


def qr_svg(text: str) -> str:
    """Return ``text`` as a QR code, an inline SVG made locally (no network).

    Examples
    --------
    >>> qr_svg("http://192.168.1.5:8000/?code=ABCDE").startswith("<svg")
    True
    """
    code = segno.make(text, error="m")
    svg: str = code.svg_inline(scale=8, border=2, dark="#000", light="#fff")
    return svg


def lan_address() -> str:
    """Return this machine's address on the room's network (no packet is sent).

    Falls back to ``127.0.0.1`` when the machine has no network.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # UDP connect only picks a route
            address: str = probe.getsockname()[0]
        except OSError:
            address = "127.0.0.1"
    return address


@dataclass
class _Hub:
    """Who is connected: the projector sockets and each player's latest socket."""

    room: Room
    join_url: str
    hosts: set[WebSocket] = field(default_factory=set)
    players: dict[str, WebSocket] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, socket_: WebSocket, message: dict[str, Any]) -> None:
        if socket_.application_state != WebSocketState.CONNECTED:
            return
        with contextlib.suppress(Exception):  # a phone that went away: it will resume
            await socket_.send_text(json.dumps(message, ensure_ascii=False))

    def host_view(self) -> dict[str, Any]:
        view = self.room.host_view()
        view["join_url"] = self.join_url
        return view

    async def broadcast(self) -> None:
        """Send every socket its view (after a change of phase)."""
        board = self.room.host.leaderboard()
        host = self.room.host_view(board)
        host["join_url"] = self.join_url
        sends = [self.send(s, host) for s in list(self.hosts)]
        for player_id, socket_ in list(self.players.items()):
            player = self.room.players[player_id]
            sends.append(self.send(socket_, self.room.player_view(player, board)))
        await asyncio.gather(*sends)

    async def tell_hosts(self, message: dict[str, Any]) -> None:
        await asyncio.gather(*(self.send(s, message) for s in list(self.hosts)))


def build_app(room: Room, *, join_url: str) -> Starlette:
    """Return the Starlette app serving ``room``; players join at ``join_url``.

    Parameters
    ----------
    room : Room
        The room (created or resumed).
    join_url : str
        The address phones open (shown on the projector and in the QR code).

    Returns
    -------
    starlette.applications.Starlette
        The app, for uvicorn or Starlette's TestClient.
    """
    hub = _Hub(room, join_url)
    static = _static()

    def page(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def serve(request: Request) -> Response:
            return FileResponse(
                static / name,
                headers={"Content-Security-Policy": _CSP, "Cache-Control": "no-store"},
            )

        return serve

    async def qr(request: Request) -> Response:
        target = f"{join_url}?code={quote(room.code)}"
        return Response(
            qr_svg(target),
            media_type="image/svg+xml",
            headers={"Cache-Control": "no-store"},
        )

    async def ws(socket_: WebSocket) -> None:
        await socket_.accept()
        await _serve(hub, socket_)

    routes = [
        Route("/", page("player.html")),
        Route("/host", page("host.html")),
        Route("/qr.svg", qr),
        WebSocketRoute("/ws", ws),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    return Starlette(routes=routes)


async def _serve(hub: _Hub, socket_: WebSocket) -> None:
    """Handle one socket until it closes."""
    limiter = RateLimiter()
    over = 0
    role: str | None = None
    player: Player | None = None
    try:
        while True:
            text = await socket_.receive_text()
            if role != "host" and not limiter.allow():  # the host holds the token
                over += 1
                if over >= _FLOOD_CLOSE:
                    await socket_.close(code=1008)
                    return
                await hub.send(socket_, _error("Slow down: too many messages."))
                continue
            over = 0
            message = _decode(text)
            if message is None:
                await hub.send(socket_, _error("That message could not be read."))
                continue
            kind = message.get("type")
            try:
                if kind == "ping":
                    await hub.send(socket_, {"type": "pong"})
                elif kind == "info":
                    room = hub.room
                    await hub.send(
                        socket_,
                        {
                            "type": "info",
                            "title": room.title,
                            "teams": room.teams if room.team_mode else None,
                            "fixed": bool(room.fixed_teams),
                        },
                    )
                elif role is None and kind == "host":
                    _check_host(hub.room, message.get("token"))
                    role = "host"
                    hub.hosts.add(socket_)
                    await hub.send(socket_, hub.host_view())
                elif role is None and kind in ("join", "resume"):
                    player = await _hello(hub, socket_, message)
                    role = "player"
                elif kind in _HOST_COMMANDS or kind == "view":
                    if role != "host":
                        raise RoomError("Only the host can do that.")
                    await _command(hub, str(kind), message)
                elif kind == "answer" and player is not None:
                    await _answer(hub, socket_, player, message)
                else:
                    raise RoomError("Join the room first.")
            except RoomError as exc:
                await hub.send(socket_, _error(str(exc)))
    except WebSocketDisconnect:
        pass
    finally:
        hub.hosts.discard(socket_)
        if player is not None and hub.players.get(player.id) is socket_:
            del hub.players[player.id]


def _decode(text: str) -> dict[str, Any] | None:
    if len(text.encode("utf-8")) > MAX_MESSAGE_BYTES:
        return None
    try:
        message = json.loads(text)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def _error(message: str) -> dict[str, Any]:
    return {"type": "error", "message": message}


def _check_host(room: Room, token: object) -> None:
    if not isinstance(token, str) or not hmac.compare_digest(
        token.encode("utf-8"), room.host_token.encode("utf-8")
    ):
        raise RoomError("Only the host can do that.")


async def _hello(hub: _Hub, socket_: WebSocket, message: dict[str, Any]) -> Player:
    room = hub.room
    async with hub.lock:
        if message["type"] == "resume":
            player = room.player_by_secret(message.get("secret"))
            secret = None
        else:
            code = message.get("code")
            if not isinstance(code, str) or code.strip().upper() != room.code:
                raise RoomError("That is not this room's code: check the screen.")
            player, secret = room.join(message.get("name"), message.get("team"))
        old = hub.players.get(player.id)
        hub.players[player.id] = socket_
    if old is not None and old is not socket_:
        with contextlib.suppress(Exception):
            await old.close(code=4000)  # the same player on a newer page
    welcome: dict[str, Any] = {"type": "welcome", "code": room.code, "name": player.name}
    if secret is not None:
        welcome["secret"] = secret
    await hub.send(socket_, welcome)
    await hub.send(socket_, room.player_view(player))
    if secret is not None:
        await hub.tell_hosts(hub.host_view())
    return player


async def _command(hub: _Hub, kind: str, message: dict[str, Any]) -> None:
    if kind == "view":
        await hub.tell_hosts(hub.host_view())
        return
    limit = message.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        raise RoomError("The time limit is a whole number of seconds.")
    async with hub.lock:
        hub.room.command(kind, limit)
    await hub.broadcast()


async def _answer(hub: _Hub, socket_: WebSocket, player: Player, message: dict[str, Any]) -> None:
    room = hub.room
    async with hub.lock:
        pending = room.check_answer(player, message.get("number"), message.get("response"))
        try:
            await asyncio.to_thread(room.store_answer, pending)
        except Exception as exc:
            raise RoomError("Your answer could not be saved: send it again.") from exc
        room.apply_answer(pending)
        answered, playing = room.answered, len(room.host.teams)
    await hub.tell_hosts(
        {"type": "answered", "count": answered, "playing": playing, "name": player.name}
    )
    view = room.player_view(player)
    if room.team_mode:  # team mates see that their team has answered
        for mate in room.players.values():
            other = hub.players.get(mate.id)
            if mate.team == player.team and other is not None and other is not socket_:
                await hub.send(other, room.player_view(mate))
    await hub.send(socket_, view)


class RoomServer:
    """Serve a room with uvicorn in a background thread; :meth:`stop` ends it.

    Parameters
    ----------
    room : Room
        The room to serve.
    host : str, default "127.0.0.1"
        The address to listen on; ``"0.0.0.0"`` for the room's network.
    port : int, default 0
        The port (0: a free one).
    join_host : str, optional
        The address phones use in the join URL (default: ``host``, or this machine's LAN
        address when ``host`` is ``0.0.0.0``).
    close_store : bool, default False
        Whether :meth:`stop` also closes the room's progress store.

    Examples
    --------
    >>> server = RoomServer(room).start()   # doctest: +SKIP
    >>> server.projector_url                # doctest: +SKIP
    'http://127.0.0.1:40123/host?token=...'
    >>> server.stop()                       # doctest: +SKIP
    """

    def __init__(
        self,
        room: Room,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        join_host: str | None = None,
        close_store: bool = False,
    ) -> None:
        self.room = room
        self.close_store = close_store
        self.host = host
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.port: int = self._socket.getsockname()[1]
        shown = join_host or (lan_address() if host == "0.0.0.0" else host)
        self.join_url = f"http://{shown}:{self.port}/"
        self.projector_url = f"http://{shown}:{self.port}/host?token={room.host_token}"
        config = uvicorn.Config(
            build_app(room, join_url=self.join_url),
            log_level="warning",
            ws_max_size=MAX_MESSAGE_BYTES * 4,
            ws_ping_interval=20,
            lifespan="off",
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (Ctrl+C)."""
        self._server.run(sockets=[self._socket])

    def start(self, timeout: float = 15.0) -> RoomServer:
        """Start serving in a background thread and wait until it answers.

        Raises
        ------
        RuntimeError
            If the server is not up within ``timeout`` seconds.
        """
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the room server did not start")
            time.sleep(0.02)
        return self

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving, close the room log, and wait for the thread to end."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self._socket.close()
        self.room.close()
        if self.close_store:
            self.room.store.close()

    def _repr_html_(self) -> str:
        from toolkit.quiz.sanitize import escape

        state = "running" if self.running else "stopped"
        return (
            f"<div><p><b>Room {escape(self.room.code)}</b> ({state}). Open the projector "
            f'page: <a href="{escape(self.projector_url)}" target="_blank">projector</a> '
            "(keep this link to yourself: it holds the host's secret).</p>"
            f"<p>Players open <code>{escape(self.join_url)}</code> and type the code "
            f"<b>{escape(self.room.code)}</b>, or scan:</p>"
            f"{qr_svg(f'{self.join_url}?code={self.room.code}')}</div>"
        )

    def __repr__(self) -> str:
        return f"RoomServer(code={self.room.code!r}, join_url={self.join_url!r})"
