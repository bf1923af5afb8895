"""aggregate stage."""
