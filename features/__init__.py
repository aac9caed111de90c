"""credibly.features: the shared parse and the four signal families (never imports ``scoring``)."""
