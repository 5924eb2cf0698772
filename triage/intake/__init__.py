"""The logged question (help request) and the counter's pages."""
