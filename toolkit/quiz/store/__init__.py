"""Learner progress: attempts, Leitner boxes and badges in a database that survives crashes."""
