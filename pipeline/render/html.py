"""HTML: one self-contained file (CSS and pictures inlined) that works offline."""

from __future__ import annotations

from pipeline.render.base import RenderJob


class HtmlRenderer:
    name = "html"
    suffix = ".html"
    preload = ("pipeline.templating",)

    def render(self, job: RenderJob) -> bytes:
        from pipeline import templating

        image = job.interview.image
        image_src = templating.image_data_uri(job.source.folder / image.file) if image else None
        return templating.render_note(job, "html", image_src=image_src).encode("utf-8")


RENDERER = HtmlRenderer()
