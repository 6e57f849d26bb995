"""Every ipywidgets view in the course.

Thin views over the quiz engine and the analytics, with no logic of their own.
"""
