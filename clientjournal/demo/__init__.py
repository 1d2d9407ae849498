"""Made-up, seeded demo journals for screenshots, manual testing and benchmarks (pure: no I/O, no wall clock)."""

from clientjournal.demo.generator import generate_demo

__all__ = ["generate_demo"]
