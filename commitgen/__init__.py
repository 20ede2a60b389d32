"""commitgen: customer-service commitments as YAML → service charters and staff briefings.

The pipeline, one module per stage::

    loading/     strict YAML → located data → typed model (model/)
    validation/  consistency inside a policy and across the project
    render/      Jinja2 templates → HTML; WeasyPrint → PDF
    publish      staging folder swapped in atomically
    build        the whole pipeline; cli is a thin adapter over it
"""

__version__ = "0.1.0"
