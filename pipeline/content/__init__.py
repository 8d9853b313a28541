"""Interviews as content: the model, its located YAML loading and the portrait check."""
