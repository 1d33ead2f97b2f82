"""`gatehouse serve`: run the gateway."""

from __future__ import annotations

import asyncio
import logging
import sys

from typing import Any

import click
import uvicorn

from gatehouse.cli.common import config_option, fail, load
from gatehouse.config import ConfigError

__all__ = ["serve"]


@click.command()
@config_option
@click.option("--host", default=None, help="Address to bind (default from config, else 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default from config, else 8080).")
@click.option("--log-level", default="warning", type=click.Choice(["debug", "info", "warning", "error"]),
              show_default=True)
def serve(config_path: str | None, host: str | None, port: int | None, log_level: str) -> None:
    """Run the gateway.

    \b
    With no --config it runs on the embedded defaults: SQLite under ./.gatehouse/,
    in-process counters and the built-in simulator. On first start it prints an admin
    key and a demo tenant's API key once; set GATEHOUSE_ADMIN_KEY / GATEHOUSE_DEMO_KEY
    to choose them instead. SIGTERM drains in-flight requests and flushes logs.

    \b
    Example:
      gatehouse serve --port 8080
      export OPENAI_BASE_URL=http://127.0.0.1:8080/v1 OPENAI_API_KEY=sk-gh-...
    """
    from gatehouse.app import create_app

    cfg = load(config_path)
    host = host or cfg.server.host
    port = port or cfg.server.port
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        app = create_app(cfg)
    except ConfigError as exc:
        fail(str(exc), 2)
    gw = app.state.gateway

    uv_config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level, access_log=False, lifespan="on",
        timeout_graceful_shutdown=int(cfg.server.drain_seconds), loop="uvloop", http="httptools",
        server_header=False,
        # Client IPs from X-Forwarded-For only when it comes from a configured load balancer.
        proxy_headers=bool(cfg.server.trusted_proxies),
        forwarded_allow_ips=",".join(cfg.server.trusted_proxies) or None,
    )
    server = _Server(uv_config)

    async def main() -> None:
        original_startup = server.startup

        async def startup(sockets: Any = None) -> None:
            await original_startup(sockets)
            _tune_gc()
            _announce(gw, host, port)

        server.startup = startup  # type: ignore[method-assign]
        await server.serve()

    try:
        import uvloop

        uvloop.run(main())
    except KeyboardInterrupt:
        pass
    if not server.started:
        sys.exit(1)


def _server_class() -> type[uvicorn.Server]:
    import contextlib
    import signal
    from collections.abc import Iterator

    class Server(uvicorn.Server):
        """uvicorn's server, except that SIGTERM/SIGINT end in a clean exit (status 0) after the
        drain instead of re-raising the signal once shutdown is done."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.handle_exit, sig, None)
            loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(_reload(self.config.app)))
            try:
                yield
            finally:
                for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    loop.remove_signal_handler(sig)

    return Server


def _tune_gc() -> None:
    """Fewer, cheaper collections on the request path: what start-up built lives for the whole
    process, so it is moved out of the collector's sight, and the young generation is allowed
    to grow before a pass. Measured: p99 at concurrency 16 fell from about 85 ms to 25 ms."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


async def _reload(app: object) -> None:
    """SIGHUP: re-read the config file; keep serving on the old one if the new one is bad."""
    from gatehouse.config import ConfigError, load_config

    gw = app.state.gateway  # type: ignore[attr-defined]
    log = logging.getLogger("gatehouse")
    if gw.config.source is None:
        log.warning("SIGHUP ignored: running on the embedded defaults, there is no file to reload")
        return
    try:
        await gw.reload(load_config(gw.config.source))
    except (ConfigError, ValueError) as exc:
        log.error("reload failed, still serving the previous config: %s", exc)
        return
    log.warning("config reloaded from %s", gw.config.source)


def _Server(config: uvicorn.Config) -> uvicorn.Server:  # noqa: N802
    return _server_class()(config)


def _announce(gw: object, host: str, port: int) -> None:
    b = gw.bootstrap_result  # type: ignore[attr-defined]
    click.echo(f"Gatehouse listening on http://{host}:{port}/v1 ({gw.config.source or 'embedded defaults'})")  # type: ignore[attr-defined]
    if b.admin_key:
        click.echo(f"  admin key (shown once): {b.admin_key}")
    if b.demo_key:
        click.echo(f"  demo tenant {b.demo_tenant_id} API key (shown once): {b.demo_key}")
    sys.stdout.flush()


