"""HTML: one self-contained file (CSS and pictures inlined) that works offline."""

from __future__ import annotations

import base64

from pipeline.render.base import Renderer, RenderJob


class HtmlRenderer(Renderer[bytes]):
    name = "html"
    suffix = ".html"

    def prepare(self, job: RenderJob) -> bytes:
        # Templating is all the work there is; nothing is worth sending elsewhere.
        from pipeline.render import templating
        from pipeline.render.view_builder import build_view

        view = build_view(job)
        portrait = view.masthead.portrait
        image_src = (
            f"data:{portrait.media_type};base64,{base64.b64encode(portrait.data).decode('ascii')}"
            if portrait
            else None
        )
        return templating.render_note(job, view, "html", image_src=image_src).encode("utf-8")

    def paint(self, prepared: bytes) -> bytes:
        return prepared


RENDERER = HtmlRenderer()
