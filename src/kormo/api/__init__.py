"""The JSON API: plans, progress and scores to read, progress to write; bearer tokens."""
