"""The check stage: rules across files, arithmetic, personal data, redirects (and, for ``itasite check`` only,
completeness against a day). Every check returns located findings; none renders anything."""
