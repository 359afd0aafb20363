"""The agreement (চুক্তি): a plan submitted, approved, returned, signed by both parties and
revised, and the pages and reminders of those steps.

`rules` is the one state machine (pure): which steps a state allows and to whom. The services,
the pages, the queue of plans waiting and the reminders all ask it.
"""
