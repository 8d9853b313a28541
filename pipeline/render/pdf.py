"""PDF with WeasyPrint: tagged (PDF/UA-1), bookmarked, fonts embedded, resources fenced in."""

from __future__ import annotations

from pipeline.errors import UnsafeResourceError
from pipeline.render.base import RenderJob
from pipeline.render.fetcher import make_fetcher

PDF_VARIANT = "pdf/ua-1"


class PdfRenderer:
    name = "pdf"
    suffix = ".pdf"
    preload = ("weasyprint", "pipeline.templating")

    def render(self, job: RenderJob) -> bytes:
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError

        from pipeline import templating

        image = job.interview.image
        image_src = (job.source.folder / image.file).resolve().as_uri() if image else None
        document = templating.render_note(job, "pdf", image_src=image_src)
        fetcher = make_fetcher([job.templates, job.source.folder / "assets"])
        try:
            return HTML(
                string=document,
                base_url=job.templates.resolve().as_uri() + "/",
                url_fetcher=fetcher,
            ).write_pdf(pdf_variant=PDF_VARIANT)
        except FatalURLFetchingError as error:
            raise UnsafeResourceError(str(error)) from None


RENDERER = PdfRenderer()
