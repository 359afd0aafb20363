"""Who may use the public URLs (the permission walk's declarations, merged by
tests/web/test_permission_walk.py).

Anyone may read them, logged in or not, with GET or HEAD. Those without an id ("public") the
walk exercises like any public page. Those with a plan id or an office code ("published")
answer only for published objects — signed plans, offices with a signed plan — and 404 for
everything else, whoever asks: the walk's world has nothing signed, and an office code is not
one of its ids, so the walk leaves them to tests/public/test_publication.py, which checks every
one of them for every unpublished state and for guessed ids and codes.
"""

from __future__ import annotations

from tests.web.url_rules import READ, Rule

PUBLISHED = Rule("published", READ)

RULES: dict[str, Rule] = {
    "public:index": Rule("public"),
    "public:catalogue": Rule("public"),
    "public:all_plans_json": Rule("public"),
    "public:all_scores_json": Rule("public"),
    "public:all_indicators_csv": Rule("public"),
    "public:office": PUBLISHED,
    "public:office_plans_json": PUBLISHED,
    "public:office_scores_json": PUBLISHED,
    "public:office_indicators_csv": PUBLISHED,
    "public:plan_plans_json": PUBLISHED,
    "public:plan_scores_json": PUBLISHED,
    "public:plan_indicators_csv": PUBLISHED,
    "public:plan_document": PUBLISHED,
    "public:report_document": PUBLISHED,
    "public:file_all": Rule("open_data_file"),
    "public:file_office": Rule("open_data_file"),
}
