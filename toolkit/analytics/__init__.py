"""The analyst's functions and the course's models.

Pure pandas and numpy, no widgets, no matplotlib.
"""
