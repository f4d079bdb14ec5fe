"""The recipe that trains graphbuild's own English news pipeline (not part of the installed package)."""
