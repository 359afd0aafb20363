"""Running Kormo as a service: request logs, health and metrics, background e-mail, start-up
checks. A low layer: it imports Django and the domain core, no other kormo package (audit and
accounts import its mail queue)."""
