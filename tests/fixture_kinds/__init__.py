"""Content kinds that exist only in the test suite (not shipped): proof that a kind is one package."""
