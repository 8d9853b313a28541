"""`briefing serve`: a live preview of the notes in all three formats, for editors and translators.

One server process answers the browser (Starlette on uvicorn) and watches the
project (watchfiles); one warm worker process renders, keeping WeasyPrint and the
templates loaded between renders; LibreOffice, when installed, turns each DOCX into
page images in the background. Every preview file is written under
`output/preview/`, never over the outputs of `briefing build`.

    notes     what is previewed (note x locale) and what a changed file affects
    state     the previews' state, shared by the renders and the pages
    worker    the warm render worker and its client
    pages     PDF pages as PNG images (PDFium)
    docx      DOCX -> PDF -> PNG with LibreOffice, in the background
    safety    the one folder served, the Host check, the security headers
    app       the web pages, the files, server-sent events
    server    binding, watching, starting and stopping it all
"""
