"""Servers in processes of their own on 127.0.0.1: the benchmark's, and the bot the crash
tests kill."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from tests.e2e.teams import free_port


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    url: str
    started_in: float  # seconds from spawn to answering its readiness check

    @property
    def messages(self) -> str:
        return self.url + "/api/messages"

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"{self.name} has no VmRSS")

    def kill(self) -> None:
        """kill -9: no shutdown, no drain, whatever was under way is cut off."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


async def start(name: str, args: list[str], folder: str, env: dict[str, str], ready: str) -> Server:
    """Spawn `python <args> --port N` and wait until `ready` answers 200 (at most 60 s)."""
    port = free_port()
    log = open(Path(folder) / f"{name}.log", "wb")  # noqa: SIM115 - the process owns it
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args, "--port", str(port)],
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        while time.perf_counter() - began < 60:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited; see {log.name}")
            try:
                async with http.get(url + ready) as response:
                    if response.status == 200:
                        return Server(name, process, url, time.perf_counter() - began)
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.01)
    process.kill()
    raise RuntimeError(f"{name} did not get ready in 60 s")
