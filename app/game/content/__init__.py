"""The game's content: TOML files, and the modules that load and check them."""
