"""kg: a knowledge graph of Vietnamese officials, bodies and directives, built from news articles."""

__version__ = "0.1.0"
