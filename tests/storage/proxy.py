"""A TCP proxy a test can cut and restore (a database outage on demand), or freeze and thaw
(a server that is stopped, SIGSTOP, or a network that swallows packets: connections stay open
and are acknowledged, but nothing is answered)."""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttableProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._links: list[socket.socket] = []
        self._lock = threading.Lock()
        self._up = True
        self._thawed = threading.Event()
        self._thawed.set()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._up:
                client.close()
                continue
            threading.Thread(target=self._link, args=(client,), daemon=True).start()

    def _link(self, client: socket.socket) -> None:
        with self._lock:
            self._links.append(client)
        self._thawed.wait()  # frozen: the connection is accepted and never answered
        try:
            server = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        server.settimeout(None)  # the timeout was for connecting: a link may idle for long
        with self._lock:
            self._links.append(server)
        for a, b in ((client, server), (server, client)):
            threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self._thawed.wait()  # frozen: hold what was sent
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Drop every open connection and refuse new ones."""
        self._up = False
        with self._lock:
            links, self._links = self._links, []
        for link in links:
            try:
                link.shutdown(socket.SHUT_RDWR)
                link.close()
            except OSError:
                pass

    def restore(self) -> None:
        self._up = True

    def freeze(self) -> None:
        """Keep every connection open and accept new ones, but pass nothing on."""
        self._thawed.clear()

    def thaw(self) -> None:
        self._thawed.set()

    def close(self) -> None:
        self.thaw()
        self.cut()
        self._listener.close()
