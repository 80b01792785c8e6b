"""The player's pages and actions."""
