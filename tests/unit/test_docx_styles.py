"""The DOCX writer's style-id table answers as python-docx's own lookup does, name by name."""

from __future__ import annotations

import hashlib
import io

import pytest

from pipeline.render import docx_styles
from tests.conftest import REPO


@pytest.fixture(scope="module")
def reference() -> bytes:
    return REPO.template_file("docx/reference.docx").read_bytes()


def test_every_style_of_the_reference_gets_python_docxs_id(reference):
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document(io.BytesIO(reference))
    expected = {}
    for style in document.styles:
        for kind in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            try:
                expected[(style.name, kind)] = document.styles.get_style_id(style.name, kind)
            except (KeyError, ValueError):
                continue
    assert len(expected) > 50  # the reference's styles, in their own types
    docx_styles.remember_style_ids(document, hashlib.blake2b(reference).digest())
    found = {key: document.part.get_style_id(*key) for key in expected}
    assert found == expected


def test_a_wrong_name_or_type_still_gets_python_docxs_error(reference):
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document(io.BytesIO(reference))
    docx_styles.remember_style_ids(document, hashlib.blake2b(reference).digest())
    with pytest.raises(KeyError):
        document.part.get_style_id("No Such Style", WD_STYLE_TYPE.PARAGRAPH)
    with pytest.raises(ValueError, match="need type"):
        document.part.get_style_id("Strong", WD_STYLE_TYPE.PARAGRAPH)
