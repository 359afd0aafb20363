"""Plans as tables: APAs, action plans, work plans and registers with their progress.

The tree of `kormo.domain.plan.Plan` stored row by row (not as a JSON blob) so that plans can be
queried by office, year, kind, area and indicator; `convert` moves whole plans in and out.
"""
