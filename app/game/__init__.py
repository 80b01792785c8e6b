"""The game: pure rules, the content catalogue and the services that write the ledger."""
