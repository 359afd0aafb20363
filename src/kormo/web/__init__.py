"""The web layer's shared parts: base templates, static files, template filters, fonts."""
