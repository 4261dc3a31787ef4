"""The project's command-line tools (run by the Makefile)."""
