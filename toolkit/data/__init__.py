"""The shipped service data.

Typed loaders with schema checks, and the seeded generator that made it.
"""
