"""Public pages and open data: what anyone may read without logging in (published data only)."""
