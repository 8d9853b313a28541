"""Delivering packs exactly once: the delivery log, folder copies, e-mail over SMTP."""
