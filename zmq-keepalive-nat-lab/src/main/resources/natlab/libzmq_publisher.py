"""A libzmq (C library, via Debian's python3-zmq) PUB socket driven by the NAT lab.

Run with /usr/bin/python3. stdin commands: "send N" publishes N messages [ticks, "tick n"],
"quit" exits. Prints "sent topic=ticks payload=tick n" per message and one line per monitor
event in the sample app's format: "zmq event socket=ticks kind=<KIND> endpoint=<ep> remote=".
Options: --bind=tcp://*:5556, --heartbeat=interval,timeout,ttl (milliseconds; off unless given:
then this publisher sends PINGs carrying that TTL, as libzmq's ZMQ_HEARTBEAT_* options do),
--envelope=true (each message is [ticks, envelope, "tick n"] with the starter's envelope frame,
version 1, instance id new per process, sequence number n: see the top-level README),
--curve-keys=DIR (a CURVE server with DIR/server.pub and DIR/server.key, admitting only the
clients whose public keys DIR/clients.pub lists, through a ZAP handler: the sample app's key
layout; keys are read from files and never printed).
"""
import struct
import sys
import threading
import time
import uuid

import zmq
from zmq.auth.thread import ThreadAuthenticator
from zmq.utils.monitor import recv_monitor_message


_say_lock = threading.Lock()


def say(line):
    # Two threads print (commands and monitor events): one whole line at a time.
    with _say_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


ENVELOPE = struct.Struct(">4s16sqqB")  # magic+version, instance id, sequence, send time (us), headers


def envelope(instance_id, sequence):
    return ENVELOPE.pack(b"ZKE\x01", instance_id.bytes, sequence, time.time_ns() // 1000, 0)


def read_key(path):
    with open(path, "rb") as key_file:
        return key_file.read().strip()


class AllowList:
    """pyzmq's credentials provider: admit a CURVE client only if its public key is listed."""

    def __init__(self, path):
        # As the starter reads it: a line starting with "#" is a comment. "#" is a Z85 character,
        # so it may appear inside a key, but never first (it would encode a value >= 2^32).
        with open(path, "rb") as listing:
            lines = (line.strip() for line in listing)
            self.keys = {line for line in lines if line and not line.startswith(b"#")}

    def callback(self, domain, key):
        return key in self.keys


def curve_server(context, socket, keys):
    # The ZAP handler must be bound before the socket binds, or libzmq admits every client.
    authenticator = ThreadAuthenticator(context)
    authenticator.start()
    authenticator.configure_curve_callback(domain="*", credentials_provider=AllowList(f"{keys}/clients.pub"))
    socket.curve_server = True
    socket.curve_secretkey = read_key(f"{keys}/server.key")
    socket.curve_publickey = read_key(f"{keys}/server.pub")
    return authenticator


def print_events(monitor):
    while True:
        try:
            event = recv_monitor_message(monitor)
        except zmq.ZMQError:
            return
        try:
            kind = zmq.Event(event["event"]).name
        except ValueError:
            kind = str(event["event"])
        endpoint = event["endpoint"].decode(errors="replace")
        say(f"zmq event socket=ticks kind={kind} endpoint={endpoint} remote=null")
        if event["event"] == zmq.EVENT_MONITOR_STOPPED:
            return


def main():
    options = dict(arg[2:].split("=", 1) for arg in sys.argv[1:])
    context = zmq.Context()
    socket = context.socket(zmq.PUB)
    socket.setsockopt(zmq.LINGER, 0)
    if "heartbeat" in options:
        interval, timeout, ttl = (int(part) for part in options["heartbeat"].split(","))
        socket.setsockopt(zmq.HEARTBEAT_IVL, interval)
        socket.setsockopt(zmq.HEARTBEAT_TIMEOUT, timeout)
        socket.setsockopt(zmq.HEARTBEAT_TTL, ttl)
    authenticator = curve_server(context, socket, options["curve-keys"]) if "curve-keys" in options else None
    monitor = socket.get_monitor_socket()
    threading.Thread(target=print_events, args=(monitor,), daemon=True).start()
    endpoint = options.get("bind", "tcp://*:5556")
    socket.bind(endpoint)
    instance_id = uuid.uuid4() if options.get("envelope") == "true" else None
    say(f"ready bound={endpoint} libzmq={zmq.zmq_version()}"
        + (f" envelope={instance_id}" if instance_id else "")
        + (" curve=server" if authenticator else ""))
    sent = 0
    for command in sys.stdin:
        parts = command.split()
        if not parts:
            continue
        if parts[0] == "quit":
            break
        if parts[0] == "send":
            for _ in range(int(parts[1])):
                sent += 1
                payload = f"tick {sent}"
                if instance_id:
                    socket.send_multipart([b"ticks", envelope(instance_id, sent), payload.encode()])
                else:
                    socket.send_multipart([b"ticks", payload.encode()])
                say(f"sent topic=ticks payload={payload}")
    socket.disable_monitor()
    socket.close()
    if authenticator:
        authenticator.stop()
    context.term()


if __name__ == "__main__":
    main()
