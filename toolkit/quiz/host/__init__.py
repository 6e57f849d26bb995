"""Host mode.

The trainer's room model (teams, timer, reveal, scores), its scoring rules and its results.
"""
