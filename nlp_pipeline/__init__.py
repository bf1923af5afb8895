"""RE-SOURCING roadmap analyzer: documents in, evidence-backed coverage and gap matrices out."""
