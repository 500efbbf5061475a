#!/usr/bin/env python3
"""N slowloris clients against 127.0.0.1:PORT for SECONDS: each sends one header
line every INTERVAL seconds and reconnects when dropped. Prints how many times
the server dropped them (tests/load/run.sh)."""
import socket, sys, threading, time

port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
interval = float(sys.argv[4]) if len(sys.argv) > 4 else 4.0
end = time.time() + seconds
drops = [0] * n

def client(i):
    while time.time() < end:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            k = 0
            while time.time() < end:
                time.sleep(min(interval, max(0.0, end - time.time())))
                s.sendall(b"X-Slow-%d: 1\r\n" % k)
                k += 1
            s.close()
        except OSError:
            drops[i] += 1
            time.sleep(0.1)

threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
for t in threads: t.start()
for t in threads: t.join()
print("slowloris: %d clients, dropped %d times" % (n, sum(drops)))
