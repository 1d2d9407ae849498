"""The journal timeline: grouped, filtered and searchable, with a mood-trend chart.

``view`` (the table), ``chart`` (the mood trend), ``filterbar`` (search and filters), ``loader`` (reading on
the worker, the in-memory cache) and ``panel`` (all of it together); the item model is
:mod:`clientjournal.ui.models.timeline`, with the other models. Import the modules themselves: this package
stays empty so that ``clientjournal.ui.models`` can import the model without pulling in the widgets.
"""
