"""The portal: one site over many organisations' published ITA/OIT data (issue 24).

A portal is a site folder whose ``content/portal.yml`` lists its sources: organisation folders on this machine
(read in-process, as their own build would) and published itasite sites (read from ``portal-cache/``, which only
``itasite portal fetch`` fills). It sits above load, check and render, whose output it reads, and below the
pipeline, which hands a portal folder to it so every front end (build, serve, check, render) works unchanged.
"""
