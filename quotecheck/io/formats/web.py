"""A link: fetch one web page (or a PDF or Word file behind a link) and read it as an article.

Only when a person asks for it (``quotecheck ingest PROJECT https://…``, File ▸ Import from URL):
nothing else in quotecheck reaches the network. urllib3 with a connect and read timeout and a
deadline for the whole download, a user agent, at most a few redirects, a size limit, and only
``http``/``https``. The page goes through
the HTML reader; the address it was fetched from is kept as the article's URL and path. Every
failure (offline, unknown host, refused, timeout, HTTP error, too large, not a page) is one
IngestError naming the link.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from ... import __version__
from . import FORMATS, MB, Document, read_bytes

log = logging.getLogger(__name__)

USER_AGENT = f"quotecheck/{__version__} (article import for quotation checking)"
MAX_BYTES = 16 * MB
TIMEOUT = (10.0, 30.0)  # connect, read (seconds)
DEADLINE = 120.0
"""Seconds for the whole download of a page, its headers and its body: a site that sends a few bytes at
a time never lets a read time out, and would hold the import for ever."""

_TYPE_SUFFIX = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "message/rfc822": ".eml",
}


def fetch(
    url: str, *, timeout: tuple[float, float] = TIMEOUT, max_bytes: int = MAX_BYTES, deadline: float | None = None
) -> Iterator[Document]:
    """The article(s) at ``url``; raises IngestError naming the link when it cannot be had. ``deadline``
    (seconds, by default :data:`DEADLINE`) bounds the whole download."""
    import urllib3

    from ..ingest import IngestError

    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(url, f"only http and https links can be imported, not {scheme or 'this'}:")
    if not urlsplit(url).hostname:
        raise IngestError(url, "not a web address (no host name)")
    sockets: list = []  # the connections the request opens, to cut if it outlives the deadline
    pool = _pool(sockets)
    limit = DEADLINE if deadline is None else deadline
    started = time.monotonic()
    try:
        response = _answer(
            url,
            limit,
            sockets,
            lambda: pool.request(
                "GET",
                url,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5",
                },
                timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]),
                retries=urllib3.Retry(total=None, connect=0, read=0, other=0, status=0, redirect=5),
                preload_content=False,
            ),
        )
    except urllib3.exceptions.MaxRetryError as exc:
        raise IngestError(url, _why(exc.reason)) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise IngestError(url, _why(exc)) from exc
    try:
        if response.status >= 400:
            raise IngestError(url, f"the site answered HTTP {response.status} {response.reason or ''}".rstrip())
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise IngestError(url, f"too large ({int(declared) / MB:.0f} MB; the limit is {max_bytes // MB} MB)")
        data = _body(response, url, max_bytes, (started + limit, limit), timeout[1])
        final = urljoin(url, response.geturl() or url)
        mime = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    except urllib3.exceptions.HTTPError as exc:
        raise IngestError(url, _why(exc)) from exc
    finally:
        response.close()  # a body left half read (too slow, too large) must not keep the connection open
    suffix = _TYPE_SUFFIX.get(mime) or _suffix_of(final)
    if suffix is None:
        raise IngestError(url, f"not an article page ({mime or 'no content type'})")
    return _read(data, url, final, suffix, response.headers.get("Content-Type") or "")


def _answer(url: str, limit: float, sockets: list, request):
    """``request()`` (the status line and headers of a response) within ``limit`` seconds. A site that
    sends its headers a few bytes at a time never lets a read time out; the request runs in a thread of
    its own, and past the limit its connections (``sockets``, as the pool opened them) are shut, so that
    the thread's read fails at once and it ends, while the import goes on."""
    from ..ingest import IngestError

    box: dict = {}
    done, abandoned = threading.Event(), threading.Event()

    def run():
        try:
            box["response"] = request()
        except Exception as exc:  # handed to the caller's thread as it is, which says it in one line
            log.debug("%s: request failed", url, exc_info=True)
            box["error"] = exc
        done.set()
        if abandoned.is_set():
            _close(box)

    threading.Thread(target=run, name="quotecheck-link", daemon=True).start()
    if not done.wait(limit):
        abandoned.set()
        for sock in list(sockets):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # closed already
        if done.is_set():  # it came just now: nobody else will close it
            _close(box)
        raise IngestError(url, f"the site sends too slowly (no answer after {limit:g} s)")
    if "error" in box:
        raise box["error"]
    return box["response"]


def _close(box: dict) -> None:
    response = box.pop("response", None)
    if response is not None:
        response.close()


def _body(response, url: str, max_bytes: int, until: tuple[float, float], read_timeout: float) -> bytes:
    """The response's body, read as it comes (one receive at a time) so that no read waits longer than
    ``read_timeout`` and the download ends by ``until`` (a time, and the seconds it allowed in all)."""
    import urllib3

    from ..ingest import IngestError

    deadline, limit = until
    slow = f"the site sends too slowly (the page was not complete after {limit:g} s)"
    sock = getattr(response.connection, "sock", None)
    chunks, size = [], 0
    while True:
        wait = min(read_timeout, deadline - time.monotonic())
        if wait <= 0:
            raise IngestError(url, slow)
        if sock is not None:
            sock.settimeout(wait)
        try:
            chunk = response.read1(64 * 1024)
        except urllib3.exceptions.ReadTimeoutError as exc:
            if wait < read_timeout:  # the deadline ran out, not the read timeout of a silent site
                raise IngestError(url, slow) from exc
            raise
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(url, f"too large (over {max_bytes // MB} MB)")
        chunks.append(chunk)


def _read(data: bytes, url: str, final: str, suffix: str, content_type: str) -> Iterator[Document]:
    from dataclasses import replace

    from ..ingest import IngestError

    if suffix == ".html":
        data = _as_utf8(data, content_type)
    # The reader is told the format by a suffix on the label; every label shown has the link as given.
    label = url if url.lower().endswith(suffix) else f"{url}#{suffix}"

    def as_given(shown: str) -> str:
        return url + shown[len(label) :] if shown.startswith(label) else shown

    try:
        docs = list(read_bytes(data, label))
    except IngestError as exc:
        raise IngestError(as_given(exc.path), exc.problem) from exc
    for doc in docs:
        if isinstance(doc, Exception):
            yield IngestError(as_given(getattr(doc, "path", label)), getattr(doc, "problem", str(doc)))
            continue
        yield replace(doc, label=as_given(doc.label), meta=replace(doc.meta, url=final))


def _as_utf8(data: bytes, content_type: str) -> bytes:
    """HTML re-encoded as UTF-8 when the server declared a charset (a page's own meta tag may lie less, but
    the header is what browsers use first)."""
    for piece in content_type.split(";")[1:]:
        key, _, value = piece.partition("=")
        if key.strip().lower() == "charset":
            try:
                return data.decode(value.strip().strip("\"'")).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                return data
    return data


def _suffix_of(url: str) -> str | None:
    path = urlsplit(url).path.lower()
    for fmt in FORMATS:
        for suffix in fmt.suffixes:
            if path.endswith(suffix):
                return ".html" if suffix in (".htm", ".xhtml") else suffix
    return None


def _pool(sockets: list):
    """A pool honouring the system's proxy settings (``https_proxy``, ``no_proxy``) as browsers do,
    whose connections add their sockets to ``sockets`` as they open."""
    import urllib3

    proxies = urllib.request.getproxies()
    proxy = proxies.get("https") or proxies.get("http")
    managers = [urllib3.ProxyManager(proxy), urllib3.PoolManager()] if proxy else [urllib3.PoolManager()]
    for manager in managers:
        manager.pool_classes_by_scheme = _watched_pools(sockets)
    return _ProxyOrDirect(*managers) if proxy else managers[0]


def _watched_pools(sockets: list) -> dict:
    """urllib3's connection pools, with connections that add their socket to ``sockets`` once open."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Plain(HTTPConnection):
        def connect(self):
            super().connect()
            sockets.append(self.sock)

    class Secure(HTTPSConnection):
        def connect(self):
            super().connect()
            sockets.append(self.sock)

    return {
        "http": type("WatchedPool", (HTTPConnectionPool,), {"ConnectionCls": Plain}),
        "https": type("WatchedSecurePool", (HTTPSConnectionPool,), {"ConnectionCls": Secure}),
    }


class _ProxyOrDirect:
    """The proxy, except for the hosts ``no_proxy`` names (local servers, for one)."""

    def __init__(self, proxied, direct):
        self.proxied, self.direct = proxied, direct

    def request(self, method, url, **kwargs):
        host = urlsplit(url).hostname or ""
        use = self.direct if urllib.request.proxy_bypass(host) or host in ("127.0.0.1", "localhost") else self.proxied
        return use.request(method, url, **kwargs)


def _why(exc: BaseException | None) -> str:
    """A reason a person understands for a failed fetch."""
    import urllib3

    text = str(exc)
    if isinstance(exc, urllib3.exceptions.NameResolutionError) or "Name or service not known" in text:
        return "cannot reach the site (no network, or unknown host name)"
    if isinstance(exc, urllib3.exceptions.NewConnectionError) or "refused" in text.lower():
        return "cannot reach the site (connection refused or no network)"
    if isinstance(exc, urllib3.exceptions.ConnectTimeoutError):  # after NewConnectionError, its subclass
        return "cannot reach the site (connection timed out)"
    if isinstance(exc, urllib3.exceptions.ReadTimeoutError):
        return "the site stopped answering (read timed out)"
    if isinstance(exc, urllib3.exceptions.SSLError):
        return "secure connection failed (certificate or TLS problem)"
    if isinstance(exc, urllib3.exceptions.ProxyError):
        return "cannot reach the site through the proxy"
    if isinstance(exc, urllib3.exceptions.ResponseError) and "redirect" in text:
        return "too many redirects (the site sends the link round in a loop, or through more than 5 places)"
    return f"download failed ({type(exc).__name__})"
