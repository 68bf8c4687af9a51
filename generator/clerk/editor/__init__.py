"""``itasite edit``: a form editor for the content, served on 127.0.0.1.

Forms are built from the models' JSON Schemas (:mod:`fields`), filled from the YAML as it is on disk, and a save
turns only the fields that changed into ruamel.yaml edits (:mod:`formdata`), checked as a whole in a scratch copy
of the content before the file is swapped in (:mod:`records`, reusing ``itasite import``'s staging).
"""
