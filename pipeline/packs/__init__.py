"""Briefing packs: settings, assembly, manifest, index, publishing and the run lock."""
