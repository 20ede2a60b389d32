"""Versions of a charter: what was published, what changed, and whether customers were told.

``fingerprint``   the content hash of a charter's public text (what a PDF states)
``labels``        version labels: their order and their folder names
``releases``      release snapshots kept in the project (``releases/<id>/<version>/``)
``previous``      the version a policy replaces: from the releases or a git revision
``notice``        the earliest day a change may take effect after its publication
``diff``          typed changes between two versions, each better/worse for the customer
"""
