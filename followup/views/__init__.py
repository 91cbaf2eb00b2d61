"""Pages of the follow-up area, one module per page family (home, contracts, people, hours)."""
