"""What changed in a note since the previous pack: versions, comparison, summary, change marks.

`versions` records the passages each note of a pack was built from (versions.json),
`compare` sets two records side by side, per passage and per word, `summary` says
it in one localized line and `marks` hands the comparison to the view builder, so a
change view is the note's own view with insertions and deletions in it.
"""
