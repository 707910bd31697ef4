"""The prefix-cache trainer's modules; the entry point is scripts/prefix_cache_trainer.py."""
