"""The only way a PDF render may read a resource: local files under allowed folders."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.content.picture import ReadError, read_confined


class RefusedURL(Exception):
    def __init__(self, url: str, reason: str):
        super().__init__(f"refused to load {url!r}: {reason}")
        self.url, self.reason = url, reason


MAX_RESOURCE_BYTES = 50 * 2**20
"""Largest file a template may load (a font or a picture of its own)."""


def resolve_allowed(url: str, roots: list[Path]) -> Path:
    """The local file `url` names, if it is a `file:` URL inside one of `roots`."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        raise RefusedURL(
            url,
            f"the {parts.scheme or 'relative'} scheme is not allowed; "
            "documents may only use files under templates/ or the content's assets/",
        )
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(url, "file URLs on another host are not allowed")
    path = Path(unquote(parts.path)).resolve()
    if not any(path.is_relative_to(root.resolve()) for root in roots):
        allowed = ", ".join(str(root) for root in roots)
        raise RefusedURL(url, f"it is outside the allowed folders ({allowed})")
    if not path.is_file():
        raise RefusedURL(url, "no such file")
    return path


def read_allowed(path: Path, roots: list[Path]) -> bytes:
    """The bytes of `path`, resolved a moment ago, opened without following a link from its root.

    A link swapped in since the check is refused, not followed out of the folder.
    """
    root = next(root.resolve() for root in roots if path.is_relative_to(root.resolve()))
    return read_confined(root, path.relative_to(root), path, MAX_RESOURCE_BYTES)


def make_fetcher(roots: list[Path], resources: dict[str, bytes] | None = None):
    """A WeasyPrint URL fetcher that serves allowed files and stops the render on anything else."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class InMemoryResponse(URLFetcherResponse):
        """Bytes already read: with no path, WeasyPrint cannot go back to the file for them
        (it re-reads a picture from its path when it writes the PDF)."""

        @property
        def path(self) -> None:
            return None

    class RestrictedFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if resources and url in resources:  # read and checked when the note was loaded
                return InMemoryResponse(url, body=resources[url])
            # FatalURLFetchingError is a BaseException by design: WeasyPrint swallows the others.
            try:
                path = resolve_allowed(url, roots)
                body = read_allowed(path, roots)
            except RefusedURL as refusal:
                raise FatalURLFetchingError(str(refusal)) from None
            except ReadError as error:
                raise FatalURLFetchingError(f"refused to load {url!r}: {error}") from None
            return InMemoryResponse(path.as_uri(), body=body)

    return RestrictedFetcher()
