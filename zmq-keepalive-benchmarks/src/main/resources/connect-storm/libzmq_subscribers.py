"""Many libzmq SUB sockets in one process, for the connect-storm benchmark.

Usage: libzmq_subscribers.py ENDPOINT COUNT TIMEOUT_SECONDS

Creates COUNT SUB sockets (subscribed to everything, reconnect interval 100 ms, libzmq's
default), connects them all to ENDPOINT and prints READY. Then waits until every socket
has received one message (then unsubscribes it), or TIMEOUT_SECONDS pass, and prints
"RESULT <received> <t> <t> ...": the wall-clock time (seconds since the epoch) at which
each socket received its first message. Loopback only: ENDPOINT is tcp://127.0.0.1:port.
"""
import sys
import time

import zmq

endpoint, count, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
if not endpoint.startswith("tcp://127.0.0.1:"):
    sys.exit("loopback endpoints only: " + endpoint)

context = zmq.Context(io_threads=1)
context.MAX_SOCKETS = count + 64
sockets = []
for _ in range(count):
    socket = context.socket(zmq.SUB)
    socket.setsockopt(zmq.LINGER, 0)
    socket.setsockopt(zmq.RECONNECT_IVL, 100)
    socket.setsockopt(zmq.SUBSCRIBE, b"")
    socket.connect(endpoint)
    sockets.append(socket)
print("READY", flush=True)

poller = zmq.Poller()
for socket in sockets:
    poller.register(socket, zmq.POLLIN)
first = []
deadline = time.time() + timeout
while len(first) < count and time.time() < deadline:
    for socket, _ in poller.poll(200):
        now = time.time()
        socket.recv_multipart(zmq.NOBLOCK)
        first.append(now)
        poller.unregister(socket)
        # Done with this one: unsubscribing stops the publisher's fan-out to it, so the
        # publisher's load is the connect storm, not ticks to peers already measured.
        socket.setsockopt(zmq.UNSUBSCRIBE, b"")

print("RESULT " + str(len(first)) + " " + " ".join("%.6f" % t for t in sorted(first)), flush=True)
for socket in sockets:
    socket.close(0)
context.term()
