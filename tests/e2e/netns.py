"""A private network namespace holding only loopback, entered by the calling thread.

``unshare(CLONE_NEWNET)`` moves the calling thread (not the whole process) into a new network
namespace in which only ``lo`` exists; processes it starts afterwards are born there, and the
sockets it opens live there. Leaving switches the thread back with ``setns``; the namespace
disappears with its last process. So the servers under test and the test itself share a
loopback that nothing outside the machine (or on it) can reach, and that they cannot leave.
Needs CAP_SYS_ADMIN (root), as ``unshare -n`` does.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import socket
import struct
from collections.abc import Iterator

CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


class Unavailable(Exception):
    """The machine does not let this process make a network namespace."""


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _bring_up_loopback() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


@contextlib.contextmanager
def loopback_only() -> Iterator[None]:
    """Run the body (in this thread) inside a fresh network namespace with only loopback."""
    libc = _libc()
    original = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    try:
        if libc.unshare(CLONE_NEWNET) != 0:
            error = ctypes.get_errno()
            raise Unavailable(f"unshare(CLONE_NEWNET) failed: {os.strerror(error)}")
        try:
            _bring_up_loopback()
            yield
        finally:
            if libc.setns(original, CLONE_NEWNET) != 0:
                error = ctypes.get_errno()
                raise OSError(error, f"could not leave the test namespace: {os.strerror(error)}")
    finally:
        os.close(original)
