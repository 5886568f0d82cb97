"""The plan, the support system and reachability: pure Python, no Qt, no storage."""
