"""A local fake of the Hugging Face feature-extraction API, for tests and the benchmarks.

It listens on 127.0.0.1 on an ephemeral port and answers `POST /` (Inference Endpoint / TEI
style) and `POST /hf-inference/models/{owner}/{name}[/pipeline/feature-extraction]` (router
style). Vectors are derived from the text (`fake_embedding`), so callers can check identity
and order. Faults are scripted per request with `fail_next(Fault...)`, or held for as long as
`outage` is set (an outage lasting a while; set it back to None and the API is healthy again).

    async with FakeHfApi(latency_s=0.05) as fake:
        fake.fail_next(Fault.loading(estimated_time=0.1), times=2)
        ... post to fake.url ...
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from aiohttp import web

ROUTER_PREFIX = "/hf-inference/models/"
PIPELINE_SUFFIX = "/pipeline/feature-extraction"


def fake_embedding(text: str, dim: int) -> np.ndarray:
    """The unit vector the fake assigns to `text`: seeded by its SHA-256, so stable everywhere."""
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    vector = np.random.default_rng(seed).standard_normal(dim)
    return vector / np.linalg.norm(vector)


@dataclass(frozen=True)
class Fault:
    """One scripted answer. `status=None` means: wait `delay_s`, then answer normally."""

    status: int | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0

    @classmethod
    def loading(cls, estimated_time: float | None) -> "Fault":
        payload: dict[str, Any] = {"error": "Model fake/model is currently loading"}
        if estimated_time is not None:
            payload["estimated_time"] = estimated_time
        return cls(503, json.dumps(payload).encode())

    @classmethod
    def rate_limited(cls, retry_after: str | None = "1") -> "Fault":
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        return cls(429, b'{"error": "Rate limit reached. You reached free usage limit"}', headers)

    @classmethod
    def server_error(cls, status: int = 500) -> "Fault":
        return cls(status, json.dumps({"error": f"upstream failure {status}"}).encode())

    @classmethod
    def slow(cls, seconds: float) -> "Fault":
        return cls(None, delay_s=seconds)

    @classmethod
    def malformed_json(cls) -> "Fault":
        return cls(200, b'[[0.1, 0.2,, "oops"')


class FakeHfApi:
    """The fake server; every knob is a constructor argument or a public attribute."""

    def __init__(self, *, dim: int = 16, token: str | None = "hf_fake_secret_token",
                 models: set[str] | None = None, forbidden_models: set[str] = frozenset(),
                 latency_s: float = 0.0, token_level: bool = False,
                 max_batch: int | None = None) -> None:
        self.dim = dim
        self.token = token
        self.models = models
        self.forbidden_models = set(forbidden_models)
        self.latency_s = latency_s
        self.token_level = token_level
        self.max_batch = max_batch
        self.requests_received = 0
        self.texts_per_request: list[int] = []
        self.served_batch_sizes: list[int] = []
        self.received_inputs: list[str | list[str]] = []
        self.received_headers: list[dict[str, str]] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._faults: deque[Fault] = deque()
        self.outage: Fault | None = None
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    def fail_next(self, fault: Fault, times: int = 1) -> None:
        """Answer the next `times` well-formed, authorised requests with `fault`."""
        self._faults.extend([fault] * times)

    def model_url(self, model_id: str) -> str:
        return f"{self.url}{ROUTER_PREFIX}{model_id}{PIPELINE_SUFFIX}"

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def close(self) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> "FakeHfApi":
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _handle(self, request: web.Request) -> web.Response:
        self.requests_received += 1
        self._in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            await self._wait(self.latency_s)
            return await self._answer(request)
        finally:
            self._in_flight -= 1

    async def _answer(self, request: web.Request) -> web.Response:
        self.received_headers.append(dict(request.headers))
        if self.token is not None and request.headers.get("Authorization") != f"Bearer {self.token}":
            return _error(401, "Invalid credentials in Authorization header")
        model = _model_of(request.path)
        if model is not None and model in self.forbidden_models:
            return _error(403, f"Access to model {model} is restricted")
        if model is not None and self.models is not None and model not in self.models:
            return _error(404, f"Model {model} does not exist")
        try:
            inputs = json.loads(await request.read())["inputs"]
        except (ValueError, KeyError, TypeError):
            return _error(400, "Body must be JSON with an 'inputs' field")
        texts = [inputs] if isinstance(inputs, str) else list(inputs)
        self.received_inputs.append(inputs)
        self.texts_per_request.append(len(texts))
        fault = self._faults.popleft() if self._faults else self.outage
        if fault is not None:
            await self._wait(fault.delay_s)
            if fault.status is not None:
                return web.Response(status=fault.status, body=fault.body, headers=fault.headers,
                                    content_type="application/json")
        if self.max_batch is not None and len(texts) > self.max_batch:
            return _error(413, f"batch size {len(texts)} > maximum allowed batch size {self.max_batch}")
        self.served_batch_sizes.append(len(texts))
        return web.json_response(self._embed(inputs))

    def _embed(self, inputs: str | list[str]) -> Any:
        if isinstance(inputs, str):
            vector = self._text_output(inputs)
            return [vector] if self.token_level else vector
        return [self._text_output(text) for text in inputs]

    def _text_output(self, text: str) -> list:
        """`[dim]` (scaled, so clients must normalise) or `[tokens][dim]` whose mean is that."""
        vector = fake_embedding(text, self.dim) * 3.0
        if not self.token_level:
            return vector.tolist()
        n_tokens = 2 + len(text.split())
        noise = np.random.default_rng(n_tokens).standard_normal((n_tokens, self.dim))
        return (vector + noise - noise.mean(axis=0)).tolist()

    async def _wait(self, seconds: float) -> None:
        """Sleep, but end early when the server closes, so no handler outlives a test."""
        if seconds > 0:
            try:
                await asyncio.wait_for(self._closing.wait(), seconds)
            except asyncio.TimeoutError:
                pass


def _model_of(path: str) -> str | None:
    if not path.startswith(ROUTER_PREFIX):
        return None
    model = path[len(ROUTER_PREFIX):]
    if model.endswith(PIPELINE_SUFFIX):
        model = model[: -len(PIPELINE_SUFFIX)]
    return model.strip("/")


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)
