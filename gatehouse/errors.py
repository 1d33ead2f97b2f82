"""The exception tree, drawn once.

    GatehouseError                      any error the gateway turns into an HTTP answer
    ├── InvalidRequest (ValueError)      400 invalid_request_error, names the bad `param`
    ├── AuthenticationFailed             401 invalid_api_key / missing key
    ├── PermissionDenied                 403 permission_error (policy, scopes, vetting)
    ├── NotFound (LookupError)           404 not_found_error, e.g. unknown model
    ├── PayloadTooLarge                  413 request body over the configured limit
    ├── RateLimited                      429 with Retry-After and x-ratelimit-* headers
    └── UpstreamError                    502 a provider failed or answered garbage
        ├── UpstreamUnavailable          503 no healthy deployment (breakers open, all failed)
        ├── UpstreamTimeout (TimeoutError) 504 connect, first-byte, idle or total timeout
        └── UpstreamStatusError          a provider's own 4xx/5xx, mapped to the right status

Every error renders as the OpenAI envelope {"error": {"message", "type", "param", "code"}}
in one place (`error_body`). Messages never carry upstream URLs or credentials.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "GatehouseError",
    "InvalidRequest",
    "AuthenticationFailed",
    "PermissionDenied",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "UpstreamError",
    "UpstreamUnavailable",
    "UpstreamTimeout",
    "UpstreamStatusError",
    "error_body",
]


class GatehouseError(Exception):
    """Base of every error that becomes an HTTP answer."""

    status_code = 500
    error_type = "api_error"
    default_code: str | None = None

    def __init__(
        self,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code if code is not None else self.default_code
        self.headers = headers or {}

    def to_dict(self) -> dict[str, Any]:
        return error_body(self.message, self.error_type, self.param, self.code)


class InvalidRequest(GatehouseError, ValueError):
    """The request body or a parameter is malformed."""

    status_code = 400
    error_type = "invalid_request_error"


class AuthenticationFailed(GatehouseError):
    """No API key, or one that is unknown, expired or revoked."""

    status_code = 401
    error_type = "invalid_request_error"
    default_code = "invalid_api_key"


class PermissionDenied(GatehouseError):
    """The caller is known but may not do this."""

    status_code = 403
    error_type = "permission_error"
    default_code = "permission_denied"


class NotFound(GatehouseError, LookupError):
    """The named thing (a model, a tenant, a key) does not exist."""

    status_code = 404
    error_type = "invalid_request_error"
    default_code = "not_found"


class PayloadTooLarge(GatehouseError):
    """The request body is larger than the configured limit."""

    status_code = 413
    error_type = "invalid_request_error"
    default_code = "request_too_large"


class RateLimited(GatehouseError):
    """A rate, concurrency or spend limit refused the request."""

    status_code = 429
    error_type = "rate_limit_error"
    default_code = "rate_limit_exceeded"

    def __init__(self, message: str, *, retry_after: float, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
        self.headers.setdefault("retry-after", str(max(1, int(retry_after + 0.999))))


class UpstreamError(GatehouseError):
    """A provider failed; the message is safe to show (no URLs, no keys)."""

    status_code = 502
    error_type = "api_error"
    default_code = "upstream_error"
    retryable = True
    # The router's attempts (deployment ids and outcomes) when every one failed; set by the router.
    attempts: Sequence[Any] = ()


class UpstreamUnavailable(UpstreamError):
    """No deployment could take the request (all failed or circuit breakers open)."""

    status_code = 503
    default_code = "upstream_unavailable"


class UpstreamTimeout(UpstreamError, TimeoutError):
    """The provider did not answer in time."""

    status_code = 504
    default_code = "upstream_timeout"


class UpstreamStatusError(UpstreamError):
    """The provider answered with an error status; 4xx client errors are passed on as such."""

    def __init__(self, message: str, *, upstream_status: int, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.upstream_status = upstream_status
        if upstream_status == 429:
            self.status_code = 429
            self.error_type = "rate_limit_error"
            self.retryable = True
            self.headers.setdefault("retry-after", "1")
        elif upstream_status in (400, 404, 413, 422):
            self.status_code = 400
            self.error_type = "invalid_request_error"
            self.retryable = False
        elif upstream_status in (401, 403):
            # Our credentials upstream are wrong: the client can do nothing about it.
            self.status_code = 502
            self.retryable = True
        elif upstream_status >= 500:
            self.status_code = 502
            self.retryable = True
        else:
            self.status_code = 502
            self.retryable = False


def error_body(
    message: str, error_type: str, param: str | None = None, code: str | None = None
) -> dict[str, Any]:
    """The OpenAI error envelope."""
    return {"error": {"message": message, "type": error_type, "param": param, "code": code}}
