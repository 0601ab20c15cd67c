"""Core of the PAR index portal: load, validate and score a province's data package.

Pure Python on pandas; it knows nothing of the site generator, so it can be used from a
notebook or the command line as well as from the Pelican plugin.
"""
