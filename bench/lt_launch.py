"""Start LibreTranslate offline and loopback-only, for ``bench/serve.py`` (bench only).

Run with LibreTranslate's venv, LibreTranslate's own arguments after the script::

    python bench/lt_launch.py --host 127.0.0.1 --port 5000 --threads 2

Before it calls ``libretranslate.main.main`` it changes exactly two things, and says so on
stdout (:data:`PATCHES`):

* ``libretranslate.init.boot`` is a no-op: LibreTranslate's start-up otherwise fetches the Argos
  package index (it does when fewer than two packages are installed, whatever
  ``--update-models`` says) and downloads MiniSBD models;
* an audit hook (``sys.addaudithook``) refuses every ``socket.connect``, ``socket.sendto`` and
  ``socket.getaddrinfo`` whose host is not loopback (127.0.0.0/8, ::1, ``localhost``) with a
  ``PermissionError``, and logs each attempt on stderr as ``NETWORK REFUSED <event> <host>``.
  An audit hook sees every socket the process opens (``socket.create_connection``, urllib,
  requests, SSL sockets), so nothing needs patching in ``socket`` itself.

It also runs from ``$HOME`` (the bench's temporary home), so nothing LibreTranslate writes
relative to its working directory lands in the repository.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from typing import Any

REFUSED = "NETWORK REFUSED"
PATCHES = (
    "libretranslate.init.boot replaced by a no-op (no package index fetch, no MiniSBD download)",
    "sys.addaudithook: socket.connect, socket.sendto and socket.getaddrinfo to a host other "
    f"than 127.0.0.0/8, ::1 or localhost raise PermissionError, logged as '{REFUSED} ...'",
)
INET = (socket.AF_INET, socket.AF_INET6)


def loopback(host: Any) -> bool:
    """Whether ``host`` (a name or an address, str or bytes; None = local) is loopback."""
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in ("", "localhost"):
        return True
    try:
        return ipaddress.ip_address(name.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def guard(event: str, args: tuple[Any, ...]) -> None:
    """The audit hook: refuse and log a non-loopback connection attempt."""
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event in ("socket.connect", "socket.sendto") and args[0].family in INET:
        host = args[1][0]
    else:
        return
    if not loopback(host):
        print(f"{REFUSED} {event} {host!r}", file=sys.stderr, flush=True)
        raise PermissionError(f"bench: no network but loopback ({event} {host!r})")


def no_boot(*args: Any, **kwargs: Any) -> None:
    """Stands for ``libretranslate.init.boot``: the packages are installed already."""


def main() -> None:
    sys.addaudithook(guard)
    import libretranslate.init
    from libretranslate.main import main as serve

    libretranslate.init.boot = no_boot
    for patch in PATCHES:
        print(f"patched: {patch}", flush=True)
    os.chdir(os.environ.get("HOME", "."))  # what LibreTranslate writes lands in the bench's home
    sys.argv[0] = "libretranslate"
    serve()


if __name__ == "__main__":
    main()
