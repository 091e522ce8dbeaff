"""Click commands: each module parses options and calls the plain functions of its package."""
