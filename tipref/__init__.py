"""tipref: referrals between the services that help victims of trafficking in Indonesia."""

# Written here rather than read with importlib.metadata, whose import alone costs about
# as much as importing click (issue #21: ``tipref --version`` near the import floor).
# tests/architecture/test_architecture_startup.py checks it against the installed metadata.
__version__ = "0.1.0"
