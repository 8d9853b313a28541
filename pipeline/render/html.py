"""HTML: one self-contained file (CSS and pictures inlined) that works offline."""

from __future__ import annotations

from pipeline.render.base import Renderer, RenderJob


class HtmlRenderer(Renderer):
    name = "html"
    suffix = ".html"

    def prepare(self, job: RenderJob) -> bytes:
        # Templating is all the work there is; nothing is worth sending elsewhere.
        from pipeline.render import templating

        picture = job.source.picture
        image_src = picture.data_uri() if picture else None
        return templating.render_note(job, "html", image_src=image_src).encode("utf-8")

    def paint(self, prepared: bytes) -> bytes:
        return prepared


RENDERER = HtmlRenderer()
