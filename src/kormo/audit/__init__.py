"""Change history and notices: who changed what, when, from what to what, and why; and what
waits for whom (issue "Agreement, quarterly reporting ...", items 6-7)."""
