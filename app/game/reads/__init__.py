"""Reads of the ledger and the tables: nothing here writes."""
