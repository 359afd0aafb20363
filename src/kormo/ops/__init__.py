"""Running Kormo as a service: request logs, health and metrics, background e-mail, start-up
checks. Sits beside the web layer: it imports Django and no other kormo app."""
