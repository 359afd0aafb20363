"""Quarterly progress: reports, reported and verified values, evidence files, review, live
scores and the supervisor's dashboard (issue "Agreement, quarterly reporting ...")."""
