"""A real SMTP server on loopback for tests: every message it accepts is written to a directory.

    smtp-sink.py DIR [PORT]

Listens on 127.0.0.1 (PORT, default 0: a free port), prints the port on the first line of
standard output once it accepts connections, and writes each delivered message, exactly as
received, to DIR/NNNN.eml (written to a temporary name first, then renamed, so a reader never
sees half a message). It stops when standard input closes, so it never outlives the test (or
script) that started it. Uses aiosmtpd's SMTP protocol implementation (installed by
scripts/lib/smtp.sh into .data/smtp-venv).
"""

import asyncio
import itertools
import os
import sys

from aiosmtpd.smtp import SMTP


class WriteToDirectory:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        final = os.path.join(self.directory, f"{number:04d}.eml")
        temporary = final + ".tmp"
        with open(temporary, "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.replace(temporary, final)
        return "250 Message accepted for delivery"


async def main(directory, port):
    os.makedirs(directory, exist_ok=True)
    loop = asyncio.get_running_loop()
    handler = WriteToDirectory(directory)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="clinic-test-smtp", decode_data=False),
        host="127.0.0.1",
        port=port,
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    stdin_closed = asyncio.Event()

    def watch_stdin():
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(stdin_closed.set)

    loop.run_in_executor(None, watch_stdin)
    await stdin_closed.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 0))
