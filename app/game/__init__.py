"""The game, in layers; each imports only from the layers above it in this list.

- `rules/`: pure rules: tracks and tiers, acts, worlds, the decision, class meters, names,
  codes and the check's scoring. No Flask, no database.
- `content/`: the cards, sources, articles and the teacher's kit, loaded from TOML and checked.
- `ledger`: the one write path for events, standings and class-meter events, and `Refused`.
- `reads/`: what the pages read: a citizen's life, the roster, the debrief's reveal, exports.
- `services/`: what players and instructors do: rounds, joining, acts, checks, accounts.
"""
