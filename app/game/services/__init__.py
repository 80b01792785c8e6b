"""What players and instructors do: each service writes through the ledger, in one short
transaction, and raises `Refused` when the game says no."""
