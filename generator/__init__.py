"""itasite: YAML about a Thai public body's ITA results and integrity measures → a searchable public website."""
