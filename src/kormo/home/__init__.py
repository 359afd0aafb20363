"""A person's home page: what needs them now, across every office and role they hold."""
