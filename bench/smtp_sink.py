#!/usr/bin/env python3
"""A local SMTP server for the benchmark: accepts every message and forgets it.
Usage: smtp_sink.py PORT ARRIVALS_FILE. Each message received appends the time it
arrived (seconds since the epoch, fractional) as one line of ARRIVALS_FILE, so the
benchmark counts the lines and reads the rate. Standard library only."""

import asyncio
import sys
import time

port = int(sys.argv[1])
arrivals = open(sys.argv[2], "a", buffering=1)


def arrived():
    arrivals.write(f"{time.time():.3f}\n")


async def session(reader, writer):
    def say(line):
        writer.write(line.encode() + b"\r\n")

    say("220 bench-sink ESMTP")
    await writer.drain()
    while True:
        line = await reader.readline()
        if not line:
            break
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            say("250-bench-sink")
            say("250 8BITMIME")
        elif verb == b"DATA":
            say("354 end with <CRLF>.<CRLF>")
            await writer.drain()
            while True:
                data = await reader.readline()
                if not data or data == b".\r\n":
                    break
            arrived()
            say("250 queued")
        elif verb == b"QUIT":
            say("221 bye")
            await writer.drain()
            break
        else:
            say("250 ok")
        await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


asyncio.run(main())
