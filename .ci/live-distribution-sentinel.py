#!/usr/bin/env python3
"""Stands in for a developer's running distribution during the tests: listens on its ports and records every
connection, so that .ci/run can show that no test reaches it.
Usage: live-distribution-sentinel.py <log file> <port>...; stop it with SIGTERM."""
import selectors, signal, socket, sys, time

log_path, ports = sys.argv[1], [int(port) for port in sys.argv[2:]]
selector = selectors.DefaultSelector()
for port in ports:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ, port)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
with open(log_path, "a", buffering=1) as log:
    while True:
        for key, _ in selector.select():
            connection, peer = key.fileobj.accept()
            connection.settimeout(0.2)
            data = b""
            try:
                while len(data) < 8192:
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    data += chunk
            except OSError:
                pass
            text = data.decode("latin-1")
            first = text.split("\r\n")[0] + " " + " ".join(part for part in text.replace(",", " ").split() if part.startswith(('"ID"', '"Name"', '"id"', '"name"')))[:200]
            log.write(f"{time.strftime('%H:%M:%S')} port {key.data} from {peer[0]}:{peer[1]} {first}\n")
            connection.close()
