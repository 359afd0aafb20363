"""People's own account: password change and reset by e-mail, and the login lockout."""
