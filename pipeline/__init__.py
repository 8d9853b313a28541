"""Briefing pipeline: structured interviews to briefing notes in PDF, DOCX and HTML."""

__version__ = "0.1.0"
