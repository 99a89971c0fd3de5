"""Editorial importers: files from outside (ACLED exports) turned into draft or published records."""
