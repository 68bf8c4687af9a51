"""The portal: one site over many organisations' published ITA/OIT data.

Its URL sources are read from the network only when asked (:mod:`generator.portal.fetch`, ``itasite portal fetch``)
into ``portal-cache/`` beside the portal's ``site_config.yml``; builds and checks read that cache offline
(:mod:`generator.portal.cache`)."""
