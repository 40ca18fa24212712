"""rolebook: role specs in YAML, validated and rendered into HR documents."""

__version__ = "0.1.0"
