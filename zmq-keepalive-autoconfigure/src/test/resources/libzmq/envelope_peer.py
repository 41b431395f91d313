"""A libzmq (pyzmq) peer that writes and reads zmq-keepalive's message envelope.

The envelope is the middle frame of three: topic, envelope, payload. Integers are
big-endian:

    offset  size  field
         0     4  b"ZKE" + version 0x01
         4    16  publisher instance id (UUID bytes, most significant first)
        20     8  sequence number, signed, from 1 per instance id
        28     8  send time, microseconds since the Unix epoch, signed
        36     1  header count, 0..16
        37     .  per header: key length (1 byte, 1..64), key (UTF-8),
                  value length (2 bytes, 0..512), value (UTF-8)

Usage:
    envelope_peer.py publish ENDPOINT TOPIC RUNS
        Bind an XPUB to ENDPOINT, wait for one subscription, then send, for each run in
        RUNS ("uuid:1,2,3;uuid:1,2"), one message per sequence number, payload
        {"sequence": n}. Prints SENT when done and stays until killed.
    subscribe ENDPOINT COUNT OUTPUT
        Connect a SUB to ENDPOINT, subscribe to everything, receive COUNT messages and
        write one line per message to OUTPUT: topic, instance id, sequence, send time
        (microseconds), headers as k=v joined by '&' (or '-'), payload.
"""
import json
import struct
import sys
import time
import uuid

import zmq

MAGIC = b"ZKE\x01"
FIXED = struct.Struct(">4s16sqqB")


def encode(instance_id, sequence, sent_micros, headers=None):
    headers = headers or {}
    frame = FIXED.pack(MAGIC, instance_id.bytes, sequence, sent_micros, len(headers))
    for key, value in headers.items():
        k, v = key.encode(), value.encode()
        frame += struct.pack(">B", len(k)) + k + struct.pack(">H", len(v)) + v
    return frame


def decode(frame):
    magic, instance, sequence, sent_micros, count = FIXED.unpack_from(frame)
    if magic != MAGIC:
        raise ValueError("not a version 1 envelope")
    offset, headers = FIXED.size, {}
    for _ in range(count):
        (klen,) = struct.unpack_from(">B", frame, offset)
        key = frame[offset + 1:offset + 1 + klen].decode()
        offset += 1 + klen
        (vlen,) = struct.unpack_from(">H", frame, offset)
        headers[key] = frame[offset + 2:offset + 2 + vlen].decode()
        offset += 2 + vlen
    if offset != len(frame):
        raise ValueError("trailing bytes")
    return uuid.UUID(bytes=instance), sequence, sent_micros, headers


def publish(endpoint, topic, runs):
    context = zmq.Context()
    socket = context.socket(zmq.XPUB)
    socket.setsockopt(zmq.SNDHWM, 0)
    socket.bind(endpoint)
    socket.recv()  # the subscriber's subscription: from now on nothing is dropped
    for run in runs.split(";"):
        instance, sequences = run.split(":")
        for sequence in sequences.split(","):
            n = int(sequence)
            envelope = encode(uuid.UUID(instance), n, time.time_ns() // 1000)
            socket.send_multipart([topic.encode(), envelope, json.dumps({"sequence": n}).encode()])
    print("SENT", flush=True)
    while True:
        time.sleep(1)


def subscribe(endpoint, count, output):
    context = zmq.Context()
    socket = context.socket(zmq.SUB)
    socket.setsockopt(zmq.SUBSCRIBE, b"")
    socket.connect(endpoint)
    print("SUBSCRIBED", flush=True)
    with open(output + ".part", "w") as out:
        for _ in range(count):
            topic, envelope, payload = socket.recv_multipart()
            instance, sequence, sent_micros, headers = decode(envelope)
            pairs = "&".join(k + "=" + v for k, v in headers.items()) or "-"
            out.write(" ".join([topic.decode(), str(instance), str(sequence), str(sent_micros), pairs,
                                payload.decode()]) + "\n")
    import os
    os.rename(output + ".part", output)
    socket.close(0)
    context.term()


if __name__ == "__main__":
    if sys.argv[1] == "publish":
        publish(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "subscribe":
        subscribe(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
