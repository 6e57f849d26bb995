"""The live room: every participant answers from their own phone, the projector shows the game.

A room is a small web server (Starlette on uvicorn, WebSockets) on the room's own network.
The game itself is the engine's :class:`~toolkit.quiz.host.session.HostSession`, with each
player (or team) as one of its teams; :mod:`toolkit.room.state` adds players, their secrets,
the server's clock, and the record of every answer in the progress store. What a phone may
see is decided in :mod:`toolkit.room.protocol`; the pages are static files in ``static/``.

Public entry points: :func:`toolkit.open_room` (a room from a notebook, in a background
thread), :func:`toolkit.room_results` (a room's results as a DataFrame) and ``smlab room``.
"""
