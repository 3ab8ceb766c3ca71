"""Loaders: turn one kind of input (reference data, a source document) into RDF."""
